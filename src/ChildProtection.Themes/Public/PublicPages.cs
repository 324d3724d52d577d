using ChildProtection.Core.Caching;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Settings;
using ChildProtection.Themes.Navigation;
using ChildProtection.Themes.Rendering;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Themes.Public;

/// <summary>
/// The public site: "/" shows the home item, "/{**path}" the published item at that path, an old path
/// answers 301 to the new one, anything else the theme's NotFound page with 404. Only published
/// versions are ever read. A page costs one indexed query; settings and the menu come from memory.
/// </summary>
public static class PublicPages
{
    /// <summary>After every other endpoint: the catch-all must never shadow /admin, /setup, /login, /api …</summary>
    public const int RouteOrder = 10_000;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], (HttpContext http) => RenderAsync(http, ""))
            .WithOrder(RouteOrder).WithDisplayName("Public home").CacheAsPublicPage();
        PublicForms.Map(endpoints);
        // Drafts at a signed, expiring address (see PreviewTokens): before the catch-all, never cached or indexed.
        endpoints.MapMethods("/preview/{token}", [HttpMethods.Get, HttpMethods.Head], (HttpContext http, string token) => PreviewAsync(http, token))
            .WithDisplayName("Draft preview");
        endpoints.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head], (HttpContext http, string? path) => RenderAsync(http, path ?? ""))
            .WithOrder(RouteOrder).WithDisplayName("Public content").CacheAsPublicPage();
    }

    public static async Task RenderAsync(HttpContext http, string rawPath)
    {
        var services = http.RequestServices;
        var cancellationToken = http.RequestAborted;
        var path = rawPath.Trim('/');
        if (path.StartsWith("themes/", StringComparison.OrdinalIgnoreCase))
        {
            // A missing theme asset: a bare 404, not a rendered page for a stylesheet request.
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var settings = await services.GetRequiredService<ISiteSettingsService>().GetAsync(cancellationToken);
        var contents = services.GetRequiredService<IContentManager>();
        var renderer = services.GetRequiredService<ThemeRenderer>();
        var scope = PageViews.Scope(settings, http, renderer);
        var requestPath = "/" + path;

        ContentItem? item;
        var isHome = path.Length == 0;
        if (isHome)
        {
            item = string.IsNullOrEmpty(settings.HomeContentItemId)
                ? null
                : await contents.GetAsync(settings.HomeContentItemId, VersionOptions.Published, cancellationToken);
            if (item is null)
            {
                await LatestItemsPageAsync(http, scope, settings, contents);
                return;
            }
        }
        else
        {
            item = await contents.GetPublishedByPathAsync(path, cancellationToken);
            if (item is null)
            {
                var moved = await contents.FindRedirectAsync(path, cancellationToken);
                if (moved is not null)
                {
                    http.Response.StatusCode = StatusCodes.Status301MovedPermanently;
                    http.Response.Headers.Location = "/" + moved + http.Request.QueryString;
                    return;
                }
                if (await RetiredAsync(http, scope, path)) return;
                await NotFoundAsync(http, scope);
                return;
            }
            isHome = item.ContentItemId == settings.HomeContentItemId;
        }

        var page = PageViews.ForItem(item, scope.Site, requestPath, isHome);
        if ((isHome ? await HomeBodyAsync(http, scope, item, []) : null) is { } homeBody)
        {
            await WritePageAsync(http, scope, page, homeBody, item, StatusCodes.Status200OK);
            return;
        }
        // The item's page body stays in its buffer until the layout has copied it (see RenderedHtml).
        using var body = await renderer.RenderContentHtmlAsync(scope, item, TemplateNames.DetailDisplay);
        await WritePageAsync(http, scope, page, body, item, StatusCodes.Status200OK);
    }

    /// <summary>
    /// An item taken off the site with a reason: replaced answers 301 to its successor, published in
    /// error 410 Gone, withdrawn a notice page with the reason. False when no module knows the path.
    /// </summary>
    private static async Task<bool> RetiredAsync(HttpContext http, RenderScope scope, string path)
    {
        RetiredContent? retired = null;
        foreach (var lookup in http.RequestServices.GetServices<IRetiredContentLookup>())
            if ((retired = await lookup.FindByPathAsync(path, http.RequestAborted)) is not null) break;
        if (retired is null) return false;
        // Rare, and tied to no item a later publication would evict by: rendered fresh every time.
        http.RequestServices.GetRequiredService<PageCacheTags>().DoNotCache();
        if (retired.Kind == RetirementKind.Replaced && !string.IsNullOrEmpty(retired.SuccessorPath))
        {
            http.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            http.Response.Headers.Location = "/" + retired.SuccessorPath.TrimStart('/');
            return true;
        }
        var T = http.RequestServices.GetRequiredService<IStringLocalizer<ThemesText>>();
        var gone = retired.Kind == RetirementKind.PublishedInError;
        var heading = gone ? T["This page has been removed"] : T["This article has been withdrawn"];
        var encoder = Liquid.HtmlOutput.Encoder;
        var body = $"<div class=\"retired\"><h1>{encoder.Encode(heading)}</h1><p><strong>{encoder.Encode(retired.Title)}</strong></p>"
            + (string.IsNullOrWhiteSpace(retired.Reason) ? "" : $"<p>{encoder.Encode(T["Reason: {0}", retired.Reason])}</p>")
            + $"<p><a href=\"/\">{encoder.Encode(T["Back to the home page"])}</a></p></div>";
        var page = new PageView
        {
            Title = heading,
            Canonical = scope.Site.BaseUrl + http.Request.Path,
            NoIndex = true,
            Path = http.Request.Path.Value ?? "/",
            StatusCode = gone ? StatusCodes.Status410Gone : StatusCodes.Status200OK,
        };
        await WritePageAsync(http, scope, page, body, null, page.StatusCode);
        return true;
    }

    /// <summary>
    /// One version of an item, published or not, in the public theme, for whoever holds a valid signed
    /// token. Never stored by a cache and never indexed; an expired or altered token is a plain 404.
    /// </summary>
    private static async Task PreviewAsync(HttpContext http, string token)
    {
        var services = http.RequestServices;
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Robots-Tag"] = "noindex";
        var ticket = services.GetRequiredService<PreviewTokens>().Read(token);
        var contents = services.GetRequiredService<IContentManager>();
        var item = ticket is null ? null : await contents.GetAsync(ticket.ContentItemId, VersionOptions.ForVersion(ticket.ContentItemVersionId), http.RequestAborted);
        var settings = await services.GetRequiredService<ISiteSettingsService>().GetAsync(http.RequestAborted);
        var renderer = services.GetRequiredService<ThemeRenderer>();
        var scope = PageViews.Scope(settings, http, renderer);
        if (item is null)
        {
            await NotFoundAsync(http, scope);
            return;
        }
        var T = services.GetRequiredService<IStringLocalizer<ThemesText>>();
        var body = $"<p class=\"preview-banner\" role=\"status\">{Liquid.HtmlOutput.Encoder.Encode(T["Preview: this version is not published."])}</p>"
            + await renderer.RenderContentAsync(scope, item, TemplateNames.DetailDisplay);
        var view = PageViews.ForItem(item, scope.Site, http.Request.Path.Value ?? "/", false);
        var page = new PageView { Title = view.Title, MetaDescription = view.MetaDescription, ImageUrl = view.ImageUrl, Canonical = view.Canonical, NoIndex = true, Path = view.Path };
        await WritePageAsync(http, scope, page, body, item, StatusCodes.Status200OK);
    }

    /// <summary>Without a home item: the latest published items that have an address, in the theme's Home template.</summary>
    private static async Task LatestItemsPageAsync(HttpContext http, RenderScope scope, SiteSettings settings, IContentManager contents)
    {
        var renderer = http.RequestServices.GetRequiredService<ThemeRenderer>();
        var latest = await contents.ListPublishedAsync(null, 1, settings.PageSize, http.RequestAborted);
        var items = latest.Items.Where(i => !string.IsNullOrEmpty(i.Path)).ToList();
        var body = await HomeBodyAsync(http, scope, null, items);
        if (body is null)
        {
            var summaries = new List<string>(items.Count);
            foreach (var i in items) summaries.Add(await renderer.RenderContentAsync(scope, i, TemplateNames.SummaryDisplay));
            body = string.Concat(summaries);
        }
        var page = new PageView
        {
            Title = scope.Site.Name,
            MetaDescription = scope.Site.Description,
            Canonical = scope.Site.BaseUrl + "/",
            IsHome = true,
            Path = "/",
        };
        await WritePageAsync(http, scope, page, body, null, StatusCodes.Status200OK);
    }

    /// <summary>
    /// The theme's Home template, the one body of "/": <c>Model</c> is the home item (nil without one, when
    /// <c>Items</c> holds the latest published items), and every <see cref="IHomePageValues"/> adds what its
    /// module shows there. Null when the theme has no Home template (the home item is then shown as any page).
    /// </summary>
    private static async Task<string?> HomeBodyAsync(HttpContext http, RenderScope scope, ContentItem? item, List<ContentItem> latest)
    {
        var renderer = http.RequestServices.GetRequiredService<ThemeRenderer>();
        if (renderer.FindTemplate(scope.Theme, [TemplateNames.Home]) is null) return null;
        var context = new HomePageContext { Scope = scope, HomeItem = item, CancellationToken = http.RequestAborted };
        foreach (var provider in http.RequestServices.GetServices<IHomePageValues>()) await provider.AddAsync(context);
        var values = new Dictionary<string, object?>(context.Values)
        {
            ["Model"] = item,
            ["Items"] = latest,
        };
        return await renderer.RenderNamedAsync(scope, TemplateNames.Home, values);
    }

    private static async Task NotFoundAsync(HttpContext http, RenderScope scope)
    {
        var renderer = http.RequestServices.GetRequiredService<ThemeRenderer>();
        var T = http.RequestServices.GetRequiredService<IStringLocalizer<ThemesText>>();
        var body = await renderer.RenderNamedAsync(scope, TemplateNames.NotFound, new Dictionary<string, object?>
        {
            ["RequestedPath"] = http.Request.Path.Value,
        }) ?? $"<h1>{Liquid.HtmlOutput.Encoder.Encode(T["Page not found"])}</h1>";
        var page = new PageView
        {
            Title = T["Page not found"],
            Canonical = scope.Site.BaseUrl + http.Request.Path,
            NoIndex = true,
            Path = http.Request.Path.Value ?? "/",
            StatusCode = StatusCodes.Status404NotFound,
        };
        await WritePageAsync(http, scope, page, body, null, StatusCodes.Status404NotFound);
    }

    private static async Task WritePageAsync(HttpContext http, RenderScope scope, PageView page, PageBody body, ContentItem? item, int status)
    {
        var menuLinks = await http.RequestServices.GetRequiredService<MainMenu>()
            .GetAsync(http.RequestServices.GetRequiredService<IContentManager>(), http.RequestAborted);
        var renderer = http.RequestServices.GetRequiredService<ThemeRenderer>();
        using var html = await renderer.RenderLayoutHtmlAsync(scope, page, PageViews.Menu(menuLinks, page.Path), body, item);
        await ThemedPage.SendAsync(http, html, status, page.NoIndex);
    }
}
