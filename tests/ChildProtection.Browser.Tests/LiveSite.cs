using System.Net;
using ChildProtection.Testing;
using ChildProtection.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Browser.Tests;

/// <summary>The real site on Kestrel at 127.0.0.1 on a free port (read back after start), in a temp data folder, not set up.</summary>
public sealed class LiveSite : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly TempFolder folder;
    public Uri BaseAddress { get; }
    public IServiceProvider Services => app.Services;
    public string DataPath => folder.Path;

    private LiveSite(WebApplication app, TempFolder folder, Uri baseAddress)
    {
        this.app = app;
        this.folder = folder;
        BaseAddress = baseAddress;
    }

    /// <param name="settings">More configuration (unattended setup, faster job polling …).</param>
    public static async Task<LiveSite> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var folder = new TempFolder("cp-browser");
        var app = SiteHost.Build(["--environment", "Development"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["App:DataPath"] = folder.Path,
                ["Logging:LogLevel:Default"] = "Warning",
                // Tests sign in as the administrator with a password only; those about two-factor sign-in set their own roles.
                ["Security:TwoFactorRoles"] = "",
            });
            if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
            // Port 0 on loopback: Kestrel picks a free port; UseKestrel(0) would bind 5000 instead.
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LiveSite(app, folder, new Uri(address));
    }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        folder.Dispose();
    }
}
