using ChildProtection.Core.Caching;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Modules;
using ChildProtection.Core.Security;
using ChildProtection.Search.Indexing;
using ChildProtection.Search.Public;
using ChildProtection.Search.Querying;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Search;

/// <summary>
/// Site search: one Lucene.Net index of published items under each node's data folder, kept current from
/// Core's content change log (every node applies every publication, woken by the eviction messages and
/// polling as a backstop) and caught up at start-up; the public search page in the theme; the admin page (and
/// the <c>search rebuild</c> command, through <see cref="ISearchIndexAdmin"/>) that rebuilds it.
/// </summary>
public sealed class SearchModule : IModule
{
    public string Name => "Search";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<SearchIndex>();
        services.AddSingleton<IndexRebuild>();
        services.AddSingleton<SearchChangeFeed>();
        services.AddSingleton<IEvictionObserver, SearchFeedWake>();
        services.AddSingleton<SiteSearch>();
        services.AddSingleton<SuggestionLimiter>();
        services.AddSingleton<SearchResultCache>();
        services.AddSingleton<ISearchIndexAdmin, SearchIndexAdmin>();
        services.AddScoped<IContentEventHandler, SearchContentEvents>();
        services.AddSingleton<SearchFeedService>();
        services.AddHostedService(sp => sp.GetRequiredService<SearchFeedService>());
        services.AddSingleton<IPermissionProvider, SearchPermissionProvider>();
        services.AddSingleton<IAdminMenuProvider, SearchMenu>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(SearchRoutes.Page, [HttpMethods.Get, HttpMethods.Head], SearchPage.RenderAsync).WithDisplayName("Search");
        endpoints.MapGet(SearchRoutes.Suggestions, SuggestionEndpoint.HandleAsync).WithDisplayName("Search suggestions");
    }
}

internal sealed class SearchMenu : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() => [new("Search index", "/admin/search", SearchPermissions.ManageSearchIndex.Name, 40, "Configuration")];
}

/// <summary>What the host's command line may do with the index (<c>search rebuild</c>).</summary>
public interface ISearchIndexAdmin
{
    /// <summary>Rebuilds the index from the published items now; returns how many items it holds.</summary>
    Task<int> RebuildAsync(CancellationToken cancellationToken = default);
    string Folder { get; }
}

internal sealed class SearchIndexAdmin(SearchIndex index, IndexRebuild rebuild) : ISearchIndexAdmin
{
    public Task<int> RebuildAsync(CancellationToken cancellationToken = default) => rebuild.RunAsync("command line", cancellationToken);
    public string Folder => index.Folder;
}
