using System.Globalization;
using ChildProtection.Media;
using ChildProtection.Web.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Library.Tests;

/// <summary>The whole site, set up once per test class, with a signed-in administrator; downloads are counted every 50 ms.</summary>
public sealed class LibrarySite : IAsyncLifetime
{
    static LibrarySite()
    {
        CultureInfo.DefaultThreadCurrentUICulture = new CultureInfo("vi-VN");
        CultureInfo.DefaultThreadCurrentCulture = new CultureInfo("vi-VN");
    }

    public LibrarySiteFactory Factory { get; } = new();
    public SiteClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory.Settings["Library:CountFlushMilliseconds"] = "50";
        Admin = await Factory.SetUpAsync();
    }

    public Task DisposeAsync()
    {
        Admin.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }

    public SiteClient Anonymous() => Factory.CreateSiteClient();
}

public sealed class LibrarySiteFactory : SiteFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            if (services.All(s => s.ServiceType != typeof(IMediaLibrary)))
                services.AddSingleton<IMediaLibrary>(new StandInMediaLibrary(Path.Combine(DataPath, "stand-in-media")));
        });
    }
}
