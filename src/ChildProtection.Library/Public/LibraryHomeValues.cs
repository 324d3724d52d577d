using ChildProtection.Core.Caching;
using ChildProtection.Library.Parts;
using ChildProtection.Media;
using ChildProtection.Themes.Rendering;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Library.Public;

/// <summary>
/// The home page's material (<c>LatestResources</c>, cards with their covers, and <c>LibraryUrl</c>): the
/// newest public resources, since posters and handbooks to download are what schools come for. Nothing
/// is added when the library has no public resource.
/// </summary>
internal sealed class LibraryHomeValues(LibraryCatalog catalog, IMediaLibrary media, IServiceProvider services) : IHomePageValues
{
    public const int ResourceCount = 4;

    public async Task AddAsync(HomePageContext context)
    {
        var ct = context.CancellationToken;
        // Any resource's publication may change the list: the cached home page goes with it.
        services.GetService<PageCacheTags>()?.AddType(ResourceData.TypeName);
        var entries = await catalog.LatestPublicAsync(ResourceCount, ct);
        if (entries.Count == 0) return;
        var covers = await media.GetManyAsync(entries.Where(e => e.CoverMediaId is not null).Select(e => e.CoverMediaId!), ct);
        context.Values["LatestResources"] = entries.Select(e => (object?)new Dictionary<string, object?>
        {
            ["Title"] = e.Title,
            ["Url"] = LibraryRoutes.Resource(e.Path),
            ["Kind"] = ResourceVocabulary.KindText(e.Kind),
            ["Cover"] = CoverViews.Build(media, e.CoverMediaId is { } id && covers.TryGetValue(id, out var f) ? f : null, e.Path, restricted: false, e.Title, large: false),
        }).ToList();
        context.Values["LibraryUrl"] = LibraryRoutes.List;
    }
}
