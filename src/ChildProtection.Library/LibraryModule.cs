using ChildProtection.Themes.Rendering;
using ChildProtection.Core.Caching;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Data;
using ChildProtection.Core.Modules;
using ChildProtection.Core.Parts;
using ChildProtection.Core.Security;
using ChildProtection.Library.Data;
using ChildProtection.Library.Downloads;
using ChildProtection.Library.Indexing;
using ChildProtection.Library.Packs;
using ChildProtection.Library.Parts;
using ChildProtection.Library.Public;
using ChildProtection.Library.Qr;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Library;

/// <summary>
/// The training-material library: the Resource part, the public library and resource pages, downloads
/// (range, entity tags, counting), campaign packs, QR codes, the admin editor and the download report.
/// Files are the Media module's, reached only through <see cref="ChildProtection.Media.IMediaLibrary"/>.
/// </summary>
public sealed class LibraryModule : IModule
{
    public string Name => "Library";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<LibraryDbContext, SqliteLibraryDbContext, PostgresLibraryDbContext>("Library");
        services.AddSingleton<IContentPartHandler, ResourcePart>();
        services.AddScoped<LibraryIndex>();
        services.AddScoped<LibraryCatalog>();
        services.AddScoped<ICampaignPacks, CampaignPacks>();
        services.AddScoped<IHomePageValues, LibraryHomeValues>();
        services.AddScoped<IContentEventHandler, LibraryContentEvents>();
        services.AddPublishedIndex<LibraryPublishedIndex>();
        services.AddSingleton<DownloadCounter>();
        services.AddHostedService<DownloadCountWriter>();
        services.AddScoped<DownloadReport>();
        services.AddSingleton<IPermissionProvider, LibraryPermissionProvider>();
        services.AddSingleton<IAdminMenuProvider, LibraryMenu>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        endpoints.MapMethods(LibraryRoutes.List, methods, LibraryPages.ListAsync).WithDisplayName("Library").CacheAsPublicPage();
        endpoints.MapMethods(LibraryRoutes.List + "/{**rest}", methods, (HttpContext http, string? rest) => DispatchAsync(http, rest ?? ""))
            .WithDisplayName("Library resource").CacheAsPublicPage();
        endpoints.MapMethods(LibraryRoutes.PackPrefix + "/{file}", methods, (HttpContext http, string file) => CampaignPack.SendAsync(http, file))
            .WithDisplayName("Campaign material pack");
        endpoints.MapMethods(LibraryRoutes.QrPrefix + "/{**path}", methods, (HttpContext http, string? path) => QrEndpoint.SendAsync(http, path))
            .WithDisplayName("QR code");
    }

    /// <summary>A resource's address may have several segments (a custom path), so the file and cover addresses are told apart by their last two.</summary>
    private static Task DispatchAsync(HttpContext http, string rest)
    {
        var segments = rest.Trim('/').Split('/');
        var tags = http.RequestServices.GetRequiredService<PageCacheTags>();
        // Files are counted per download and may be large: never served from the page cache.
        if (segments.Length >= 3 && segments[^2] is LibraryRoutes.DownloadSegment or LibraryRoutes.CoverSegment) tags.DoNotCache();
        else tags.AddType(ResourceData.TypeName); // a resource page lists related resources
        if (segments.Length >= 3 && segments[^2] == LibraryRoutes.DownloadSegment)
            return DownloadEndpoints.DownloadAsync(http, string.Join('/', segments[..^2]), segments[^1]);
        if (segments.Length >= 3 && segments[^2] == LibraryRoutes.CoverSegment)
            return DownloadEndpoints.CoverAsync(http, string.Join('/', segments[..^2]), segments[^1]);
        return LibraryPages.ResourceAsync(http, rest);
    }
}

internal sealed class LibraryMenu : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() =>
    [
        new("Training material", "/admin/library", ContentPermissions.EditOwnContent.Name, 20),
        new("Download report", "/admin/library/report", LibraryPermissions.ViewLibraryReports.Name, 21),
    ];
}
