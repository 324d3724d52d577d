using ChildProtection.Core.Contents;
using ChildProtection.Core.Settings;
using ChildProtection.Themes.Navigation;
using ChildProtection.Themes.Public;
using ChildProtection.Themes.Rendering;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Events.Public;

/// <summary>
/// Writes one of the schedule's pages through the active public theme: a named Liquid template
/// (<c>Events</c>, <c>EventsCalendar</c>, <c>Event</c> …) inside the theme's Layout with the main menu, as
/// the theme's own pages are written, so a designer restyles the schedule without recompiling.
/// </summary>
internal sealed class ThemedPage
{
    private ThemedPage(HttpContext http, SiteSettings settings, RenderScope scope)
    {
        Http = http;
        Settings = settings;
        Scope = scope;
        Time = SiteTime.From(settings);
    }

    public HttpContext Http { get; }
    public SiteSettings Settings { get; }
    public RenderScope Scope { get; }
    public SiteTime Time { get; }
    public string BaseUrl => Scope.Site.BaseUrl;

    public static async Task<ThemedPage> BeginAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var settings = await services.GetRequiredService<ISiteSettingsService>().GetAsync(http.RequestAborted);
        var renderer = services.GetRequiredService<ThemeRenderer>();
        var scope = PageViews.Scope(settings, http, renderer);
        return new ThemedPage(http, settings, scope);
    }

    /// <summary>The hidden field a public form posts back (the name first, as browsers and the tests read it).</summary>
    public Dictionary<string, object?> Antiforgery()
    {
        var tokens = Http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(Http);
        // A page with a personal token must not be kept by a shared cache.
        Http.Response.Headers.CacheControl = "private, no-cache";
        return new() { ["Name"] = tokens.FormFieldName, ["Value"] = tokens.RequestToken };
    }

    public async Task WriteAsync(string template, IReadOnlyDictionary<string, object?> values, PageView page, string fallbackHtml, ContentItem? model = null)
    {
        var services = Http.RequestServices;
        var renderer = services.GetRequiredService<ThemeRenderer>();
        var body = await renderer.RenderNamedAsync(Scope, template, values) ?? fallbackHtml;
        var links = await services.GetRequiredService<MainMenu>().GetAsync(services.GetRequiredService<IContentManager>(), Http.RequestAborted);
        var html = await renderer.RenderLayoutAsync(Scope, page, PageViews.Menu(links, page.Path), body, model);
        Http.Response.StatusCode = page.StatusCode;
        // A content type stops the host's status-code pages from replacing the page with their own.
        Http.Response.ContentType = "text/html; charset=utf-8";
        if (page.NoIndex) Http.Response.Headers["X-Robots-Tag"] = "noindex";
        if (HttpMethods.IsHead(Http.Request.Method))
        {
            Http.Response.ContentLength = System.Text.Encoding.UTF8.GetByteCount(html);
            return;
        }
        await Http.Response.WriteAsync(html, Http.RequestAborted);
    }

    /// <summary>The theme's NotFound page with 404.</summary>
    public Task NotFoundAsync()
    {
        var page = new PageView
        {
            Title = "Không tìm thấy trang",
            Canonical = BaseUrl + Http.Request.Path,
            NoIndex = true,
            Path = Http.Request.Path.Value ?? "/",
            StatusCode = StatusCodes.Status404NotFound,
        };
        return WriteAsync(TemplateNames.NotFound, new Dictionary<string, object?> { ["RequestedPath"] = Http.Request.Path.Value }, page, "<h1>Không tìm thấy trang</h1>");
    }
}
