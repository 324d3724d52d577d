using ChildProtection.Core.Contents;
using ChildProtection.Core.Settings;
using ChildProtection.Themes.Navigation;
using ChildProtection.Themes.Public;
using ChildProtection.Themes.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Library.Public;

/// <summary>
/// Writes one of the library's pages through the active public theme: a named Liquid template
/// (<c>Library</c>, <c>LibraryResource</c> …) inside the theme's Layout with the main menu, exactly as the
/// theme's own pages are written, so a designer restyles the library without recompiling.
/// </summary>
internal static class ThemedPages
{
    public sealed record Context(SiteSettings Settings, RenderScope Scope);

    public static async Task<Context> BeginAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var settings = await services.GetRequiredService<ISiteSettingsService>().GetAsync(http.RequestAborted);
        var renderer = services.GetRequiredService<ThemeRenderer>();
        var scope = PageViews.Scope(settings, http, renderer);
        return new Context(settings, scope);
    }

    public static async Task WriteAsync(HttpContext http, Context context, string template, IReadOnlyDictionary<string, object?> values,
        PageView page, string fallbackHtml, ContentItem? model = null)
    {
        var services = http.RequestServices;
        var renderer = services.GetRequiredService<ThemeRenderer>();
        var body = await renderer.RenderNamedAsync(context.Scope, template, values) ?? fallbackHtml;
        var links = await services.GetRequiredService<MainMenu>().GetAsync(services.GetRequiredService<IContentManager>(), http.RequestAborted);
        var html = await renderer.RenderLayoutAsync(context.Scope, page, PageViews.Menu(links, page.Path), body, model);
        http.Response.StatusCode = page.StatusCode;
        // A content type stops the host's status-code pages from replacing the page with their own.
        http.Response.ContentType = "text/html; charset=utf-8";
        if (page.NoIndex) http.Response.Headers["X-Robots-Tag"] = "noindex";
        if (HttpMethods.IsHead(http.Request.Method))
        {
            http.Response.ContentLength = System.Text.Encoding.UTF8.GetByteCount(html);
            return;
        }
        await http.Response.WriteAsync(html, http.RequestAborted);
    }

    /// <summary>The theme's NotFound page with 404: the same answer whether a thing is missing or hidden.</summary>
    public static async Task NotFoundAsync(HttpContext http, Context? context = null)
    {
        context ??= await BeginAsync(http);
        var page = new PageView
        {
            Title = "Không tìm thấy trang",
            Canonical = context.Scope.Site.BaseUrl + http.Request.Path,
            NoIndex = true,
            Path = http.Request.Path.Value ?? "/",
            StatusCode = StatusCodes.Status404NotFound,
        };
        await WriteAsync(http, context, TemplateNames.NotFound, new Dictionary<string, object?> { ["RequestedPath"] = http.Request.Path.Value },
            page, "<h1>Không tìm thấy trang</h1>");
    }
}
