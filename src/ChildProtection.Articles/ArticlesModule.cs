using ChildProtection.Core.Caching;
using ChildProtection.Articles.Data;
using ChildProtection.Articles.Feeds;
using ChildProtection.Articles.Index;
using ChildProtection.Articles.Public;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Data;
using ChildProtection.Core.Modules;
using ChildProtection.Themes.Rendering;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Articles;

/// <summary>
/// Articles in public: the news list and topic pages, the print view, RSS and Atom feeds, and what an
/// article's page shows beyond its parts. The Article type itself is data (the setup recipe): Core's
/// parts and fields, the Media module's image part.
/// </summary>
public sealed class ArticlesModule : IModule
{
    public string Name => "Articles";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<ArticlesDbContext, SqliteArticlesDbContext, PostgresArticlesDbContext>("Articles");
        services.AddScoped<IContentEventHandler, ArticleIndexer>();
        services.AddScoped<NewsQuery>();
        services.AddSingleton<IContentTemplateValues, ArticleTemplateValues>();
        services.AddPublishedIndex<ArticleTopicPublishedIndex>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        string[] get = [HttpMethods.Get, HttpMethods.Head];
        endpoints.MapMethods(NewsRoutes.List, get, NewsPages.ListAsync).WithDisplayName("News list").CacheAsPublicPage();
        endpoints.MapMethods(NewsRoutes.Rss(null), get, (HttpContext http) => NewsFeeds.RssAsync(http, null)).WithDisplayName("News RSS").CacheAsPublicPage();
        endpoints.MapMethods(NewsRoutes.Atom(null), get, (HttpContext http) => NewsFeeds.AtomAsync(http, null)).WithDisplayName("News Atom").CacheAsPublicPage();
        endpoints.MapMethods(NewsRoutes.TopicPrefix + "/{topic}", get, (HttpContext http, string topic) => NewsPages.TopicAsync(http, topic)).WithDisplayName("Topic page").CacheAsPublicPage();
        endpoints.MapMethods(NewsRoutes.TopicPrefix + "/{topic}/rss.xml", get, (HttpContext http, string topic) => NewsFeeds.RssAsync(http, topic)).WithDisplayName("Topic RSS").CacheAsPublicPage();
        endpoints.MapMethods(NewsRoutes.TopicPrefix + "/{topic}/atom.xml", get, (HttpContext http, string topic) => NewsFeeds.AtomAsync(http, topic)).WithDisplayName("Topic Atom").CacheAsPublicPage();
        endpoints.MapMethods(NewsRoutes.PrintPrefix + "/{**path}", get, (HttpContext http, string? path) => NewsPages.PrintAsync(http, path)).WithDisplayName("Print view").CacheAsPublicPage();
    }
}
