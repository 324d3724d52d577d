using System.Globalization;
using System.Text;
using System.Xml;
using ChildProtection.Core.Routing;
using ChildProtection.Core.Settings;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Seo.Sitemaps;

/// <summary>
/// <c>/sitemap.xml</c> lists every published, indexable address (the home page first); past
/// <see cref="MaxUrlsPerSitemap"/> addresses (the protocol's limit, 50,000) it becomes a sitemap index
/// pointing at <c>/sitemap-1.xml</c>, <c>/sitemap-2.xml</c> …, each read by key from the database.
/// <c>/robots.txt</c> keeps crawlers out of the admin, previews and print views and names the sitemap.
/// </summary>
internal static class SitemapEndpoints
{
    public const int MaxUrlsPerSitemap = 50_000;
    public const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <summary>Seo:SitemapPageSize lowers the limit (tests show the index without 50,000 items).</summary>
    private static int PageSize(HttpContext http) =>
        int.TryParse(http.RequestServices.GetRequiredService<IConfiguration>()["Seo:SitemapPageSize"], out var n) && n is > 0 and <= MaxUrlsPerSitemap ? n : MaxUrlsPerSitemap;

    public static async Task SitemapAsync(HttpContext http)
    {
        var routes = http.RequestServices.GetRequiredService<IPublishedRoutes>();
        var (baseUrl, home) = await SiteAsync(http);
        var pageSize = PageSize(http);
        var total = await routes.CountAsync(http.RequestAborted);
        if (total + 1 <= pageSize)
        {
            await WriteAsync(http, await UrlSetAsync(routes, baseUrl, home, 1, pageSize, total, http.RequestAborted));
            return;
        }
        var pages = (total + 1 + pageSize - 1) / pageSize;
        await WriteAsync(http, Index(baseUrl, pages));
    }

    public static async Task SitemapPageAsync(HttpContext http, int page)
    {
        var routes = http.RequestServices.GetRequiredService<IPublishedRoutes>();
        var (baseUrl, home) = await SiteAsync(http);
        var pageSize = PageSize(http);
        var total = await routes.CountAsync(http.RequestAborted);
        var pages = (total + 1 + pageSize - 1) / pageSize;
        if (page < 1 || page > pages || pages < 2)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await WriteAsync(http, await UrlSetAsync(routes, baseUrl, home, page, pageSize, total, http.RequestAborted));
    }

    public static async Task RobotsAsync(HttpContext http)
    {
        var (baseUrl, _) = await SiteAsync(http);
        var text = "User-agent: *\nDisallow: /admin\nDisallow: /preview/\nDisallow: /ban-in/\nDisallow: /account\nDisallow: /login\n\n" +
                   $"Sitemap: {baseUrl}/sitemap.xml\n";
        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.Headers.CacheControl = "public, max-age=3600";
        await http.Response.WriteAsync(text, http.RequestAborted);
    }

    private static async Task<(string BaseUrl, string? HomeId)> SiteAsync(HttpContext http)
    {
        var settings = await http.RequestServices.GetRequiredService<ISiteSettingsService>().GetAsync(http.RequestAborted);
        var baseUrl = string.IsNullOrWhiteSpace(settings.BaseUrl) ? $"{http.Request.Scheme}://{http.Request.Host}" : settings.BaseUrl.TrimEnd('/');
        return (baseUrl, settings.HomeContentItemId);
    }

    /// <summary>
    /// Page <paramref name="page"/> of the address list: the home page is address 0, then routes by key.
    /// Earlier pages are skipped by walking keys (never OFFSET over a large table).
    /// </summary>
    private static async Task<string> UrlSetAsync(IPublishedRoutes routes, string baseUrl, string? homeId, int page, int pageSize, int total, CancellationToken ct)
    {
        var skip = (long)(page - 1) * pageSize;
        var afterKey = 0L;
        // The home page takes the first slot of page 1.
        var wanted = pageSize - (page == 1 ? 1 : 0);
        var toSkip = page == 1 ? 0 : skip - 1;
        while (toSkip > 0)
        {
            var chunk = await routes.ListAsync(afterKey, (int)Math.Min(toSkip, 5000), ct);
            if (chunk.Count == 0) break;
            afterKey = chunk[^1].Key;
            toSkip -= chunk.Count;
        }
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(new StringWriter(sb, CultureInfo.InvariantCulture), new XmlWriterSettings { Indent = false, Encoding = new UTF8Encoding(false) }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("urlset", Namespace);
            if (page == 1) Url(w, baseUrl + "/", null);
            while (wanted > 0)
            {
                var chunk = await routes.ListAsync(afterKey, Math.Min(wanted, 5000), ct);
                if (chunk.Count == 0) break;
                foreach (var route in chunk)
                {
                    // The home item lives at "/", already listed.
                    if (route.ContentItemId != homeId) Url(w, baseUrl + "/" + string.Join('/', route.Path.Split('/').Select(Uri.EscapeDataString)), route.ModifiedUtc);
                }
                afterKey = chunk[^1].Key;
                wanted -= chunk.Count;
            }
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        return sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"");
    }

    private static string Index(string baseUrl, int pages)
    {
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(new StringWriter(sb, CultureInfo.InvariantCulture), new XmlWriterSettings { Indent = false }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("sitemapindex", Namespace);
            for (var i = 1; i <= pages; i++)
            {
                w.WriteStartElement("sitemap", Namespace);
                w.WriteElementString("loc", Namespace, $"{baseUrl}/sitemap-{i}.xml");
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        return sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"");
    }

    private static void Url(XmlWriter w, string loc, DateTime? modifiedUtc)
    {
        w.WriteStartElement("url", Namespace);
        w.WriteElementString("loc", Namespace, loc);
        if (modifiedUtc is { } m) w.WriteElementString("lastmod", Namespace, DateTime.SpecifyKind(m, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        w.WriteEndElement();
    }

    private static async Task WriteAsync(HttpContext http, string xml)
    {
        http.Response.ContentType = "application/xml; charset=utf-8";
        http.Response.Headers.CacheControl = "public, max-age=600";
        var bytes = Encoding.UTF8.GetBytes(xml);
        http.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(http.Request.Method)) await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
    }
}
