using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChildProtection.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChildProtection.Web.Tests;

/// <summary>The data-protection key ring encrypted at rest with the certificate named by <c>DataProtection:CertificatePath</c>.</summary>
public sealed class KeyRingProtectionTests : IDisposable
{
    private const string Password = "Mat-khau-chung-thu-2024";
    private readonly TempFolder folder = new("cp-keyring-cert");

    /// <summary>A self-signed RSA certificate with its private key, as a password-protected .pfx file.</summary>
    private string MakeCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=ChildProtection key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = folder.Combine("keyring.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }

    private static HttpClient Client(SiteFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    [Fact]
    public async Task Keys_on_disk_are_encrypted_with_the_certificate_and_read_back_by_the_next_start()
    {
        var certificate = MakeCertificate();
        var dataPath = folder.Combine("data");
        Dictionary<string, string?> settings = new()
        {
            ["App:DataPath"] = dataPath, ["DataProtection:CertificatePath"] = certificate, ["DataProtection:CertificatePassword"] = Password,
        };
        string protectedText;
        using (var first = new SiteFactory())
        {
            foreach (var (k, v) in settings) first.Settings[k] = v;
            using var client = Client(first);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/setup")).StatusCode);
            protectedText = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("Bảo vệ trẻ em");
        }

        var keys = Directory.GetFiles(Path.Combine(dataPath, "keys"), "*.xml");
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            var xml = File.ReadAllText(key);
            Assert.Contains("EncryptedKey", xml);
            Assert.Contains("EncryptedData", xml);
            Assert.DoesNotContain("<masterKey", xml);
            Assert.DoesNotContain("<value>", xml);
        }

        // The next start on the same data folder reads the ring back with the certificate: what the first
        // one protected (a sign-in cookie, a personal link) is still readable.
        using var second = new SiteFactory();
        foreach (var (k, v) in settings) second.Settings[k] = v;
        Assert.Equal("Bảo vệ trẻ em", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText));
    }

    [RedisFact]
    public async Task Keys_in_redis_are_encrypted_with_the_certificate()
    {
        var prefix = $"cp-test-keyring-{Guid.NewGuid():N}:";
        using var factory = new SiteFactory
        {
            Settings =
            {
                ["ConnectionStrings:Redis"] = TestServices.Require(TestServices.RedisVariable, "Redis"),
                ["Redis:Prefix"] = prefix,
                ["DataProtection:CertificatePath"] = MakeCertificate(),
                ["DataProtection:CertificatePassword"] = Password,
            },
        };
        using var client = Client(factory);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/setup")).StatusCode);

        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(TestServices.Require(TestServices.RedisVariable, "Redis"));
        var db = redis.GetDatabase();
        var keys = await db.ListRangeAsync(prefix + "data-protection-keys");
        try
        {
            Assert.NotEmpty(keys);
            foreach (var key in keys)
            {
                Assert.Contains("EncryptedData", key.ToString());
                Assert.DoesNotContain("<value>", key.ToString());
            }
        }
        finally
        {
            await db.KeyDeleteAsync(prefix + "data-protection-keys");
        }
    }

    [Theory]
    [InlineData("missing.pfx", null)]
    [InlineData("keyring.pfx", "sai-mat-khau")]
    public void A_certificate_that_cannot_be_read_stops_the_start(string file, string? password)
    {
        MakeCertificate();
        using var factory = new SiteFactory { Settings = { ["DataProtection:CertificatePath"] = folder.Combine(file), ["DataProtection:CertificatePassword"] = password } };
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("DataProtection:CertificatePath", error.ToString());
        Assert.Contains("unencrypted", error.ToString());
    }

    public void Dispose() => folder.Dispose();
}

/// <summary>Runs when the test command provides Redis (CP_TEST_REDIS).</summary>
internal sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute() => Skip = TestServices.SkipReason(TestServices.RedisVariable, "Redis");
}
