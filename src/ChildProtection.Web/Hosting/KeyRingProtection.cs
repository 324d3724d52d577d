using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// The data-protection key ring (sign-in cookies, antiforgery, signed links, secrets kept in settings)
/// encrypted at rest with a certificate, when <c>DataProtection:CertificatePath</c> names a PKCS#12 file
/// (<c>.pfx</c>, with its private key; <c>DataProtection:CertificatePassword</c> if it has one). It applies
/// to whichever store holds the ring: the data folder or Redis. Linux has no DPAPI, so without it the keys
/// lie in plain XML (and the framework warns on every start). A configured certificate that cannot be read
/// stops the start: carrying on would silently write new keys unencrypted.
/// </summary>
internal static class KeyRingProtection
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddSingleton(sp => KeyRingCertificate.Load(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            if (sp.GetRequiredService<KeyRingCertificate>().Certificate is { } certificate)
                o.XmlEncryptor = new CertificateKeyRingEncryptor(new CertificateXmlEncryptor(certificate, sp.GetRequiredService<ILoggerFactory>()));
        }));
        services.AddHostedService<KeyRingCertificateCheck>();
    }
}

/// <summary>The configured certificate, or none when <c>DataProtection:CertificatePath</c> is empty.</summary>
internal sealed class KeyRingCertificate(X509Certificate2? certificate) : IDisposable
{
    public const string PathKey = "DataProtection:CertificatePath";
    public const string PasswordKey = "DataProtection:CertificatePassword";

    public X509Certificate2? Certificate => certificate;

    public static KeyRingCertificate Load(IConfiguration configuration)
    {
        var path = configuration[PathKey];
        if (string.IsNullOrWhiteSpace(path)) return new(null);
        var password = configuration[PasswordKey];
        X509Certificate2 loaded;
        try
        {
            // Ephemeral: the private key stays in this process; nothing is written to a key store.
            var flags = OperatingSystem.IsMacOS() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet;
            loaded = X509CertificateLoader.LoadPkcs12FromFile(path, string.IsNullOrEmpty(password) ? null : password, flags);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new InvalidOperationException(
                $"{PathKey} names \"{path}\", which could not be read as a PKCS#12 certificate ({ex.Message}). " +
                $"Check the file, its permissions and {PasswordKey}. The site does not start rather than keep its data-protection keys unencrypted.", ex);
        }
        if (!loaded.HasPrivateKey || loaded.GetRSAPrivateKey() is null)
        {
            loaded.Dispose();
            throw new InvalidOperationException(
                $"{PathKey} names \"{path}\", a certificate without an RSA private key: it could encrypt the data-protection keys but never read them back. Export it with its private key (.pfx).");
        }
        return new(loaded);
    }

    public void Dispose() => certificate?.Dispose();
}

/// <summary>Reads the certificate while the host starts, so a bad one stops the start instead of the first sign-in.</summary>
internal sealed class KeyRingCertificateCheck(KeyRingCertificate certificate, ILogger<KeyRingCertificateCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (certificate.Certificate is { } c)
            logger.LogInformation("Data-protection keys are encrypted with the certificate {Subject} ({Thumbprint}), valid until {NotAfter:yyyy-MM-dd}.", c.Subject, c.Thumbprint, c.NotAfter);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// The framework's certificate encryption, recorded with our decryptor: the framework's own finds the
/// certificate in the machine's certificate stores or in options that are set only while services are
/// registered, before this host has read its configuration.
/// </summary>
internal sealed class CertificateKeyRingEncryptor(CertificateXmlEncryptor inner) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(inner.Encrypt(plaintextElement).EncryptedElement, typeof(CertificateKeyRingDecryptor));
}

/// <summary>
/// Reads a key encrypted by <see cref="CertificateKeyRingEncryptor"/> (XML Encryption: an AES key wrapped
/// with the certificate's RSA key) with the configured certificate. Made by the data-protection system
/// from the type name stored in the key file, through its <see cref="IServiceProvider"/> constructor.
/// </summary>
internal sealed class CertificateKeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var certificate = services.GetRequiredService<KeyRingCertificate>().Certificate
            ?? throw new InvalidOperationException($"The data-protection keys are encrypted with a certificate, but {KeyRingCertificate.PathKey} is not set.");
        var document = new XmlDocument { PreserveWhitespace = true };
        using (var reader = new XElement("root", encryptedElement).CreateReader()) document.Load(reader);
        new CertificateEncryptedXml(document, certificate).DecryptDocument();
        using var subtree = document.DocumentElement!.FirstChild!.CreateNavigator()!.ReadSubtree();
        return XElement.Load(subtree);
    }

    /// <summary>EncryptedXml that unwraps the session key with this certificate instead of searching stores.</summary>
    private sealed class CertificateEncryptedXml(XmlDocument document, X509Certificate2 certificate) : EncryptedXml(document)
    {
        public override SymmetricAlgorithm? GetDecryptionKey(EncryptedData encryptedData, string? symmetricAlgorithmUri)
        {
            foreach (var clause in encryptedData.KeyInfo?.OfType<KeyInfoEncryptedKey>() ?? [])
            {
                var encryptedKey = clause.EncryptedKey;
                if (encryptedKey?.CipherData.CipherValue is not { } wrapped) continue;
                var matches = encryptedKey.KeyInfo.OfType<KeyInfoX509Data>()
                    .SelectMany(d => d.Certificates?.OfType<X509Certificate>() ?? [])
                    .Any(c => string.Equals(c.GetCertHashString(), certificate.Thumbprint, StringComparison.OrdinalIgnoreCase));
                if (!matches) continue;
                using var rsa = certificate.GetRSAPrivateKey()!;
                var useOaep = encryptedKey.EncryptionMethod?.KeyAlgorithm == XmlEncRSAOAEPUrl;
                var key = DecryptKey(wrapped, rsa, useOaep);
                var algorithm = (symmetricAlgorithmUri ?? encryptedData.EncryptionMethod?.KeyAlgorithm) switch
                {
                    XmlEncAES128Url or XmlEncAES192Url or XmlEncAES256Url => (SymmetricAlgorithm)Aes.Create(),
                    var other => throw new CryptographicException($"Unexpected key-ring cipher {other}."),
                };
                algorithm.Key = key;
                return algorithm;
            }
            throw new CryptographicException($"No key in the data-protection key ring is encrypted for the certificate {certificate.Thumbprint} ({KeyRingCertificate.PathKey}).");
        }
    }
}
