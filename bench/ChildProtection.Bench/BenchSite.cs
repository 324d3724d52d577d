using System.Net;
using ChildProtection.Web.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ChildProtection.Bench;

/// <summary>The real site on Kestrel at 127.0.0.1 on a free port, set up unattended from the setup recipe, in a temp data folder.</summary>
internal sealed class BenchSite : IAsyncDisposable
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "Bench-Passw0rd!";

    private readonly WebApplication app;
    public string DataPath { get; }
    public Uri BaseAddress { get; private set; } = null!;
    public IServiceProvider Services => app.Services;

    private BenchSite(WebApplication app, string dataPath)
    {
        this.app = app;
        DataPath = dataPath;
    }

    /// <summary>Set by a scenario that hands the data folder to a child process: disposing keeps it.</summary>
    public bool KeepData { get; set; }

    /// <param name="dataPath">An existing data folder (a child process measuring what its parent seeded); a fresh temp folder when null.</param>
    public static async Task<BenchSite> StartAsync(Action<WebApplication>? configureApp = null, IDictionary<string, string?>? extraSettings = null, string? dataPath = null)
    {
        dataPath ??= Path.Combine(Path.GetTempPath(), "cp-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dataPath);
        var app = SiteHost.Build(["--environment", "Production"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["App:DataPath"] = dataPath,
                ["Setup:AdminUserName"] = AdminUser,
                ["Setup:AdminEmail"] = "admin@bench.localdomain",
                ["Setup:AdminPassword"] = AdminPassword,
                ["Setup:SiteName"] = "Bảo vệ trẻ em (bench)",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            });
            if (extraSettings is not null) builder.Configuration.AddInMemoryCollection(extraSettings);
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        }, configureApp);
        await app.StartAsync();
        var site = new BenchSite(app, dataPath);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        site.BaseAddress = new Uri(address);
        return site;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        if (KeepData) return;
        try { Directory.Delete(DataPath, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
