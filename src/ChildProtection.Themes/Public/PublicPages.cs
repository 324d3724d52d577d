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
            .WithOrder(RouteOrder).WithDisplayName("Public home");
        endpoints.MapMethods("/{**path}", [HttpMethods.Get, HttpMethods.Head], (HttpContext http, string? path) => RenderAsync(http, path ?? ""))
            .WithOrder(RouteOrder).WithDisplayName("Public content");
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
        var site = PageViews.Site(settings, http.Request);
        var scope = new RenderScope
        {
            Theme = renderer.ResolveActive(settings.Theme),
            Site = site,
            TimeZone = settings.GetTimeZone(),
            Culture = CultureFor(settings.Culture),
            HomeContentItemId = settings.HomeContentItemId,
        };
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
                await NotFoundAsync(http, scope);
                return;
            }
            isHome = item.ContentItemId == settings.HomeContentItemId;
        }

        var body = await renderer.RenderContentAsync(scope, item, TemplateNames.DetailDisplay);
        var page = PageViews.ForItem(item, site, requestPath, isHome);
        await WritePageAsync(http, scope, page, body, item, StatusCodes.Status200OK);
    }

    /// <summary>Without a home item: the latest published items that have an address, in the theme's Home template.</summary>
    private static async Task LatestItemsPageAsync(HttpContext http, RenderScope scope, SiteSettings settings, IContentManager contents)
    {
        var renderer = http.RequestServices.GetRequiredService<ThemeRenderer>();
        var latest = await contents.ListPublishedAsync(null, 1, settings.PageSize, http.RequestAborted);
        var items = latest.Items.Where(i => !string.IsNullOrEmpty(i.Path)).ToList();
        var body = await renderer.RenderNamedAsync(scope, TemplateNames.Home, new Dictionary<string, object?> { ["Items"] = items });
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

    private static async Task WritePageAsync(HttpContext http, RenderScope scope, PageView page, string body, ContentItem? item, int status)
    {
        var menuLinks = await http.RequestServices.GetRequiredService<MainMenu>()
            .GetAsync(http.RequestServices.GetRequiredService<IContentManager>(), http.RequestAborted);
        var renderer = http.RequestServices.GetRequiredService<ThemeRenderer>();
        var html = await renderer.RenderLayoutAsync(scope, page, PageViews.Menu(menuLinks, page.Path), body, item);
        http.Response.StatusCode = status;
        // A content type stops the host's status-code pages from replacing the theme's own 404.
        http.Response.ContentType = "text/html; charset=utf-8";
        if (page.NoIndex) http.Response.Headers["X-Robots-Tag"] = "noindex";
        if (HttpMethods.IsHead(http.Request.Method))
        {
            http.Response.ContentLength = System.Text.Encoding.UTF8.GetByteCount(html);
            return;
        }
        await http.Response.WriteAsync(html, http.RequestAborted);
    }

    private static System.Globalization.CultureInfo CultureFor(string name)
    {
        try { return System.Globalization.CultureInfo.GetCultureInfo(name); }
        catch (System.Globalization.CultureNotFoundException) { return System.Globalization.CultureInfo.GetCultureInfo("vi-VN"); }
    }
}
