using ChildProtection.Core.Contents;
using ChildProtection.Core.Settings;
using ChildProtection.Themes.Rendering;
using Microsoft.AspNetCore.Http;

namespace ChildProtection.Themes.Public;

/// <summary>Builds what the layout shows about the site and the page from settings and an item's parts.</summary>
public static class PageViews
{
    /// <summary>The render scope of a public page for this request: the active theme, the site, its time zone and culture, the request's services.</summary>
    public static RenderScope Scope(SiteSettings settings, HttpContext http, ThemeRenderer renderer) => new()
    {
        Theme = renderer.ResolveActive(settings.Theme),
        Site = Site(settings, http.Request),
        TimeZone = settings.GetTimeZone(),
        Culture = settings.GetCulture(),
        HomeContentItemId = settings.HomeContentItemId,
        Services = http.RequestServices,
    };

    public static SiteView Site(SiteSettings settings, HttpRequest request) => new()
    {
        Name = settings.SiteName,
        Description = settings.Description,
        Hotline = string.IsNullOrWhiteSpace(settings.Hotline) ? "111" : settings.Hotline,
        Culture = settings.Culture,
        Language = settings.Culture.Split('-')[0],
        BaseUrl = BaseUrl(settings, request),
    };

    /// <summary>The configured public address, or the request's own when none is set.</summary>
    public static string BaseUrl(SiteSettings settings, HttpRequest request) =>
        string.IsNullOrWhiteSpace(settings.BaseUrl) ? $"{request.Scheme}://{request.Host}" : settings.BaseUrl.TrimEnd('/');

    /// <summary>
    /// The head of an item's page: the SeoPart's meta title and description when present, else the title
    /// and summary; noindex honoured; the canonical address is the item's current path ("/" for home).
    /// </summary>
    public static PageView ForItem(ContentItem item, SiteView site, string requestPath, bool isHome)
    {
        var seo = item.Part("SeoPart");
        var title = Text(seo?["MetaTitle"]) ?? Text(item.Part("TitlePart")?["Title"]) ?? item.DisplayText;
        return new PageView
        {
            Title = isHome && string.IsNullOrEmpty(Text(seo?["MetaTitle"])) ? site.Name : title,
            MetaDescription = Text(seo?["MetaDescription"]) ?? Text(item.Part("SummaryPart")?["Summary"]) ?? site.Description,
            // Link previews need an absolute address: the share image, else the featured image (MediaPart).
            ImageUrl = Absolute(Text(seo?["ImageUrl"]) ?? Text(item.Part("MediaPart")?["Url"]), site.BaseUrl),
            NoIndex = seo?["NoIndex"]?.GetValueKind() == System.Text.Json.JsonValueKind.True,
            Canonical = site.BaseUrl + (isHome ? "/" : "/" + item.Path),
            IsHome = isHome,
            Path = requestPath,
        };
    }

    public static IReadOnlyList<MenuLinkView> Menu(IEnumerable<Core.Parts.MenuPart.Link> links, string requestPath) =>
        links.Select(l => new MenuLinkView
        {
            Text = l.Text,
            Url = l.Url,
            Current = string.Equals(l.Url.TrimEnd('/'), requestPath.TrimEnd('/'), StringComparison.OrdinalIgnoreCase),
        }).ToList();

    private static string? Absolute(string? url, string baseUrl) =>
        url is not null && url.StartsWith('/') && !url.StartsWith("//") ? baseUrl + url : url;

    private static string? Text(System.Text.Json.Nodes.JsonNode? node) =>
        node?.GetValueKind() == System.Text.Json.JsonValueKind.String && node.GetValue<string>() is { Length: > 0 } s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;
}
