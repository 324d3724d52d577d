using ChildProtection.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace ChildProtection.Web.Tests;

/// <summary>
/// The whole site in-process on a fresh data folder (SQLite by default, a fresh PostgreSQL database when
/// <see cref="PostgresConnectionString"/> is given). Not set up: tests go through the setup screen, or
/// call <see cref="SetUpAsync"/>.
/// </summary>
public class SiteFactory : WebApplicationFactory<Program>
{
    public const string AdminUser = "quantri";
    public const string AdminPassword = "Mat-khau-2024!";

    private readonly TempFolder folder = new("cp-web");
    public string DataPath => folder.Path;
    public string? PostgresConnectionString { get; init; }
    public Dictionary<string, string?> Settings { get; } = new();
    /// <summary>Services replaced after the site's own (a counting password hasher, a shorter stamp validation).</summary>
    public Action<IServiceCollection>? ReplaceServices { get; init; }

    /// <summary>A request carrying this header comes, for the site, from that address (TestServer has none of its own).</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration(config =>
        {
            var values = new Dictionary<string, string?>
            {
                ["App:DataPath"] = folder.Path,
                ["Jobs:PollSeconds"] = "1",
                ["Logging:LogLevel:Default"] = "Warning",
                // Tests sign in as the administrator with a password only; those about two-factor sign-in set their own roles.
                ["Security:TwoFactorRoles"] = "",
            };
            if (PostgresConnectionString is not null)
            {
                values["Database:Provider"] = "Postgres";
                values["ConnectionStrings:Default"] = PostgresConnectionString;
            }
            foreach (var (k, v) in Settings) values[k] = v;
            config.AddInMemoryCollection(values);
        });
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter, ClientAddressFilter>();
            ReplaceServices?.Invoke(services);
        });
    }

    /// <summary>A client whose requests come from <paramref name="address"/> (per-address limits).</summary>
    public SiteClient CreateSiteClient(string address)
    {
        var client = CreateSiteClient();
        client.Http.DefaultRequestHeaders.Add(ClientAddressHeader, address);
        return client;
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(ClientAddressHeader, out var value) && System.Net.IPAddress.TryParse(value, out var address))
                    context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>
    /// Scale-out mode's shared Redis (the test command's server) under a prefix the test's nodes share and no
    /// other test does; with <see cref="PostgresConnectionString"/> the node is one of several of one site.
    /// </summary>
    public void UseSharedRedis(string prefix)
    {
        Settings["ConnectionStrings:Redis"] = TestServices.Require(TestServices.RedisVariable, "Redis");
        Settings["Redis:Prefix"] = prefix;
    }

    /// <summary>
    /// A module's hosted service by its type. The host wraps those registered after the site's preparation
    /// (<see cref="ChildProtection.Web.Hosting.DeferredHostedService"/>), so the container hands out wrappers.
    /// </summary>
    public T HostedService<T>() where T : Microsoft.Extensions.Hosting.IHostedService =>
        Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>()
            .Select(s => s is ChildProtection.Web.Hosting.DeferredHostedService deferred ? deferred.Inner : s)
            .OfType<T>().Single();

    public SiteClient CreateSiteClient() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    /// <summary>Sets the site up through the setup screen, as a person would, and returns a signed-in client.</summary>
    public async Task<SiteClient> SetUpAsync()
    {
        var client = CreateSiteClient();
        var response = await client.PostFormAsync("/setup", new()
        {
            ["Input.SiteName"] = "Bảo vệ trẻ em thành phố",
            ["Input.AdminUserName"] = AdminUser,
            ["Input.AdminEmail"] = "quantri@example.org",
            ["Input.AdminPassword"] = AdminPassword,
            ["Input.TimeZone"] = "Asia/Ho_Chi_Minh",
            ["Input.Culture"] = "vi-VN",
            ["Input.Recipe"] = "childprotection",
        });
        if ((int)response.StatusCode != 302) throw new InvalidOperationException($"Setup answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await client.SignInAsync(AdminUser, AdminPassword);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) folder.Dispose();
    }
}
