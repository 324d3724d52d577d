using ChildProtection.Core.Contents;
using ChildProtection.Core.Settings;
using ChildProtection.Themes.Navigation;
using ChildProtection.Themes.Rendering;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Themes.Public;

/// <summary>
/// Writes a module's public page through the active theme: a named Liquid template (<c>News</c>,
/// <c>Library</c>, <c>Event</c> …) inside the theme's Layout with the main menu, exactly as the theme's own
/// pages are written, so a designer restyles every module's pages without recompiling. One per request.
/// </summary>
public sealed class ThemedPage
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
    /// <summary>The site's time zone, for dates shown on the page.</summary>
    public SiteTime Time { get; }
    public string BaseUrl => Scope.Site.BaseUrl;
    public ThemeRenderer Renderer => Http.RequestServices.GetRequiredService<ThemeRenderer>();

    public static async Task<ThemedPage> BeginAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var settings = await services.GetRequiredService<ISiteSettingsService>().GetAsync(http.RequestAborted);
        return new ThemedPage(http, settings, PageViews.Scope(settings, http, services.GetRequiredService<ThemeRenderer>()));
    }

    /// <summary>
    /// The hidden field a form on a personal, never-cached page posts back (the registrant's own page). A form on a
    /// page the output cache shares uses <see cref="FormProtection"/> instead.
    /// </summary>
    public Dictionary<string, object?> Antiforgery()
    {
        var tokens = Http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(Http);
        // A page with a personal token must not be kept by a shared cache.
        Http.Response.Headers.CacheControl = "private, no-cache";
        return new() { ["Name"] = tokens.FormFieldName, ["Value"] = tokens.RequestToken };
    }

    /// <summary>
    /// A public form's protection on a cacheable page (<see cref="PublicForms"/>): no token in the HTML, the script
    /// fetches one; <paramref name="withToken"/> on an answer to a post puts one inline (and keeps the page private).
    /// </summary>
    public Dictionary<string, object?> FormProtection(bool withToken) => PublicForms.ForPage(Http, withToken);

    /// <param name="model">The item the page is about, when there is one (the layout's structured data and social tags).</param>
    public async Task WriteAsync(string template, IReadOnlyDictionary<string, object?> values, PageView page, string fallbackHtml, ContentItem? model = null)
    {
        var services = Http.RequestServices;
        var renderer = Renderer;
        var body = await renderer.RenderNamedAsync(Scope, template, values) ?? fallbackHtml;
        var links = await services.GetRequiredService<MainMenu>().GetAsync(services.GetRequiredService<IContentManager>(), Http.RequestAborted);
        using var html = await renderer.RenderLayoutHtmlAsync(Scope, page, PageViews.Menu(links, page.Path), body, model);
        await SendAsync(Http, html, page.StatusCode, page.NoIndex);
    }

    /// <summary>
    /// Writes a finished page from its buffer as UTF-8, piece by piece, without first making it one string (a HEAD
    /// request gets its length only). The encoder carries a character split between two pieces over to the next.
    /// </summary>
    public static async Task SendAsync(HttpContext http, RenderedHtml html, int status, bool noIndex)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        if (noIndex) http.Response.Headers["X-Robots-Tag"] = "noindex";
        if (HttpMethods.IsHead(http.Request.Method))
        {
            // Rare: the one string is cheaper to get right than counting across pieces (a counting encoder keeps no
            // state between calls, so a character split between two pieces would be miscounted).
            http.Response.ContentLength = System.Text.Encoding.UTF8.GetByteCount(html.ToString());
            return;
        }
        var encoder = System.Text.Encoding.UTF8.GetEncoder();
        await http.Response.StartAsync(http.RequestAborted);
        var writer = http.Response.BodyWriter;
        foreach (var chunk in html.Chunks) System.Text.EncodingExtensions.Convert(encoder, chunk.Span, writer, flush: false, out _, out _);
        System.Text.EncodingExtensions.Convert(encoder, ReadOnlySpan<char>.Empty, writer, flush: true, out _, out _);
        await writer.FlushAsync(http.RequestAborted);
    }

    /// <summary>Writes a finished HTML page (a HEAD request gets its length only).</summary>
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

    /// <summary>The theme's NotFound page with 404, for an endpoint that has not begun a page.</summary>
    public static async Task NotFoundAsync(HttpContext http) => await (await BeginAsync(http)).NotFoundAsync();

    /// <summary>The theme's NotFound page with 404: the same answer whether a thing is missing or hidden.</summary>
    public Task NotFoundAsync() => WriteAsync(TemplateNames.NotFound,
        new Dictionary<string, object?> { ["RequestedPath"] = Http.Request.Path.Value },
        new PageView
        {
            Title = "Không tìm thấy trang",
            Canonical = BaseUrl + Http.Request.Path,
            NoIndex = true,
            Path = Http.Request.Path.Value ?? "/",
            StatusCode = StatusCodes.Status404NotFound,
        },
        "<h1>Không tìm thấy trang</h1>");
}
