using System.Globalization;
using ChildProtection.Web.Tests;

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

/// <summary>The site as it runs: the real media library behind IMediaLibrary, SQLite in a fresh folder.</summary>
public sealed class LibrarySiteFactory : SiteFactory;
