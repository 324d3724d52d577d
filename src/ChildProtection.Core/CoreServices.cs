using Microsoft.AspNetCore.DataProtection;
using ChildProtection.Core.Caching;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Data;
using ChildProtection.Core.Fields;
using ChildProtection.Core.Files;
using ChildProtection.Core.Html;
using ChildProtection.Core.Limits;
using ChildProtection.Core.Metadata;
using ChildProtection.Core.Modules;
using ChildProtection.Core.Parts;
using ChildProtection.Core.Recipes;
using ChildProtection.Core.Recipes.Steps;
using ChildProtection.Core.Routing;
using ChildProtection.Core.Security;
using ChildProtection.Core.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChildProtection.Core;

public static class CoreServices
{
    /// <summary>The content engine: storage, definitions, items, parts, fields, recipes and permissions.</summary>
    public static IServiceCollection AddContentEngine(this IServiceCollection services, AppPaths paths, DatabaseOptions database, string recipesFolder)
        => services.AddContentEngine(_ => paths, _ => database, _ => recipesFolder);

    /// <summary>
    /// The same, with paths and database read when first needed: a host built by WebApplicationFactory
    /// only sees the test's configuration once the container exists, not while services are added.
    /// </summary>
    public static IServiceCollection AddContentEngine(this IServiceCollection services,
        Func<IServiceProvider, AppPaths> paths, Func<IServiceProvider, DatabaseOptions> database, Func<IServiceProvider, string> recipesFolder)
    {
        services.AddSingleton<AppPaths>(paths);
        services.AddSingleton<DatabaseOptions>(database);
        services.AddMemoryCache();
        services.AddModuleDbContext<CoreDbContext, SqliteCoreDbContext, PostgresCoreDbContext>("Core");
        // Uploaded files: the folder under App:DataPath or the database (Media:Store).
        services.AddFileStores();

        services.AddSingleton<DocumentCacheGeneration>();
        services.AddScoped<IDocumentStore, DocumentStore>();
        services.AddScoped<ISiteSettingsService, SiteSettingsService>();
        services.AddSingleton<ISiteIdentity, SiteIdentity>();
        services.AddScoped<IContentDefinitionStore, ContentDefinitionStore>();
        services.AddScoped<IRouteService, RouteService>();
        services.AddScoped<IPublishedRoutes, PublishedRoutes>();
        services.AddScoped<ContentUnitOfWork>();
        services.AddScoped<ContentPipeline>();
        services.AddScoped<IContentManager, ContentManager>();
        services.AddScoped<IContentChangeLog, ContentChangeLog>();
        // Public pages are output-cached by tag (what they show); the host may swap the in-memory store for Redis.
        services.AddScoped<PageCacheTags>();
        services.AddSingleton<PublicPageCache>();
        services.AddSingleton<IPublicPageCache>(sp => sp.GetRequiredService<PublicPageCache>());
        services.AddSingleton<IPeerEvictions>(sp => sp.GetRequiredService<PublicPageCache>());
        services.AddSingleton<ITaggedCache, TaggedMemoryCache>();
        services.AddSingleton<PublicPageStore>();
        services.AddSingleton<PublicPageStoreOptions>();
        services.TryAddSingleton<ICacheEvictionBroadcast, NoEvictionBroadcast>();
        services.AddSingleton<IContentEventHandler, PublicPageInvalidation>();
        services.AddOutputCache(o =>
        {
            o.AddPolicy(PageCacheTags.PolicyName, new PublicPagePolicy());
            o.DefaultExpirationTimeSpan = PublicPagePolicy.Lifetime;
            // Pages are tens of kilobytes: a bounded cache keeps the site's memory small (a page over the
            // body limit is simply served uncached). The page store in front holds the same pages: the two
            // share one budget (PageCacheBudget), this the smaller part, since the store answers most hits.
            o.SizeLimit = PageCacheBudget.OutputCacheBytes;
            o.MaximumBodySize = 2 * 1024 * 1024;
        });
        // Rate limits and sign-in throttles count here; the host swaps in Redis for a scale-out site.
        services.TryAddSingleton<IRateCounter, MemoryRateCounter>();
        services.AddScoped<ITaxonomyLookup, TaxonomyLookup>();
        services.AddSingleton<IHtmlSanitizing, HtmlSanitizing>();
        services.TryAddSingleton(TimeProvider.System);
        // Preview addresses are signed with Data Protection; the host chooses where keys live, this only
        // makes sure the protector exists wherever the engine runs (tools and tests without the host too).
        services.AddDataProtection();
        services.AddSingleton<PreviewTokens>();

        foreach (var part in new IContentPartHandler[] { new TitlePart(), new RoutePart(), new BodyPart(), new SummaryPart(), new TaxonomyPart(), new TermsPart(), new OfficialDocumentPart(), new SeoPart(), new MenuPart() })
            services.AddSingleton(part);
        foreach (var field in new IContentFieldHandler[] { new TextField(), new HtmlField(), new NumberField(), new BooleanField(), new DateField(), new DateTimeField(), new LinkField(), new ContentPickerField() })
            services.AddSingleton(field);

        services.AddScoped<IPermissionProvider, CorePermissions>();
        services.AddScoped<ContentAuthorizer>();
        services.AddSingleton<IRecipeStep, ContentDefinitionStep>();
        services.AddSingleton<IRecipeStep, ContentStep>();
        services.AddSingleton<IRecipeStep, SettingsStep>();
        services.AddSingleton<RecipeExecutor>();
        services.AddSingleton(sp => new RecipeCatalog(recipesFolder(sp)));
        return services;
    }
}
