using ChildProtection.Core.Contents;
using ChildProtection.Core.Settings;
using ChildProtection.Themes.Navigation;
using ChildProtection.Themes.Public;
using ChildProtection.Themes.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Articles.Public;

/// <summary>Writes a news page through the active public theme: a named template inside the Layout with the main menu.</summary>
internal sealed class ThemedPage
{
    private ThemedPage(HttpContext http, SiteSettings settings, RenderScope scope)
    {
        Http = http;
        Settings = settings;
        Scope = scope;
    }

    public HttpContext Http { get; }
    public SiteSettings Settings { get; }
    public RenderScope Scope { get; }
    public ThemeRenderer Renderer => Http.RequestServices.GetRequiredService<ThemeRenderer>();

    public static async Task<ThemedPage> BeginAsync(HttpContext http)
    {
        var settings = await http.RequestServices.GetRequiredService<ISiteSettingsService>().GetAsync(http.RequestAborted);
        var renderer = http.RequestServices.GetRequiredService<ThemeRenderer>();
        var scope = PageViews.Scope(settings, http, renderer);
        return new ThemedPage(http, settings, scope);
    }

    public async Task WriteAsync(string template, IReadOnlyDictionary<string, object?> values, PageView page, string fallbackHtml)
    {
        var body = await Renderer.RenderNamedAsync(Scope, template, values) ?? fallbackHtml;
        var services = Http.RequestServices;
        var links = await services.GetRequiredService<MainMenu>().GetAsync(services.GetRequiredService<IContentManager>(), Http.RequestAborted);
        var html = await Renderer.RenderLayoutAsync(Scope, page, PageViews.Menu(links, page.Path), body, null);
        await SendAsync(Http, html, page.StatusCode, page.NoIndex);
    }

    public static async Task SendAsync(HttpContext http, string html, int status, bool noIndex)
    {
        http.Response.StatusCode = status;
        // A content type stops the host's status-code pages from replacing the theme's own page.
        http.Response.ContentType = "text/html; charset=utf-8";
        if (noIndex) http.Response.Headers["X-Robots-Tag"] = "noindex";
        if (HttpMethods.IsHead(http.Request.Method))
        {
            http.Response.ContentLength = System.Text.Encoding.UTF8.GetByteCount(html);
            return;
        }
        await http.Response.WriteAsync(html, http.RequestAborted);
    }

    /// <summary>The theme's NotFound page with 404.</summary>
    public Task NotFoundAsync() => WriteAsync(TemplateNames.NotFound,
        new Dictionary<string, object?> { ["RequestedPath"] = Http.Request.Path.Value },
        new PageView
        {
            Title = "Không tìm thấy trang",
            Canonical = Scope.Site.BaseUrl + Http.Request.Path,
            NoIndex = true,
            Path = Http.Request.Path.Value ?? "/",
            StatusCode = StatusCodes.Status404NotFound,
        },
        "<h1>Không tìm thấy trang</h1>");
}
