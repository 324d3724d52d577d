using System.IO.Compression;
using System.Net;
using System.Xml.Linq;
using AngleSharp.Html.Parser;

namespace ChildProtection.Web.Tests;

/// <summary>One address the crawl could not fetch: what it answered and the page that pointed at it.</summary>
public sealed record BrokenLink(string Url, int Status, string FoundOn, string Why);

/// <summary>
/// Crawls a site as an anonymous visitor: from the start addresses, every same-origin address a page points
/// at — links, stylesheets, scripts, feeds, <c>&lt;img src/srcset&gt;</c> and <c>&lt;source srcset&gt;</c>,
/// files, calendar files, QR codes, material packs — and every <c>&lt;loc&gt;</c> / <c>&lt;link&gt;</c> of
/// the sitemaps and feeds it meets. Staff pages are not followed (<c>/admin</c>, account pages beyond the sign-in
/// page <c>/login</c>). Each response is read to its end; a ZIP must open and hold a contents file and at least
/// one more entry. Any 4xx/5xx, a redirect away from the site or a cut response is reported with the page
/// it was found on.
/// </summary>
public sealed class SiteCrawler(HttpClient client, int maxAddresses = 3000)
{
    private static readonly HtmlParser Parser = new();
    private readonly Dictionary<string, string> foundOn = new(StringComparer.Ordinal);
    private readonly Queue<string> queue = new();

    public List<BrokenLink> Broken { get; } = [];
    /// <summary>Every address fetched, with its content type (tests check that kinds of target were reached).</summary>
    public Dictionary<string, string> Fetched { get; } = new(StringComparer.Ordinal);

    public async Task CrawlAsync(params string[] start)
    {
        foreach (var url in start) Enqueue(url, "(start)");
        while (queue.Count > 0)
        {
            if (Fetched.Count >= maxAddresses)
            {
                Broken.Add(new BrokenLink(queue.Peek(), 0, foundOn[queue.Peek()], $"more than {maxAddresses} addresses: a page makes endless links"));
                return;
            }
            var url = queue.Dequeue();
            await FetchAsync(url);
        }
    }

    private async Task FetchAsync(string url)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        var status = (int)response.StatusCode;
        var type = response.Content.Headers.ContentType?.MediaType ?? "";
        Fetched[url] = type;
        if (status is >= 300 and < 400)
        {
            var location = response.Headers.Location;
            if (location is null) { Broken.Add(new(url, status, foundOn[url], "a redirect without Location")); return; }
            if (!Enqueue(location.OriginalString, url, alwaysFollow: true))
                Broken.Add(new(url, status, foundOn[url], $"redirects off the site to {location}"));
            return;
        }
        if (status >= 400) { Broken.Add(new(url, status, foundOn[url], response.ReasonPhrase ?? "")); return; }

        byte[] body;
        try { body = await response.Content.ReadAsByteArrayAsync(); }
        catch (Exception ex) when (ex is HttpRequestException or IOException) { Broken.Add(new(url, status, foundOn[url], "the response was cut: " + ex.Message)); return; }

        if (type == "text/html") Links(System.Text.Encoding.UTF8.GetString(body), url);
        else if (type is "application/xml" or "text/xml" or "application/rss+xml" or "application/atom+xml") XmlLinks(body, url);
        else if (type == "application/zip" && CheckZip(body) is { } problem) Broken.Add(new(url, status, foundOn[url], problem));
        else if (body.Length == 0) Broken.Add(new(url, status, foundOn[url], "an empty body"));
    }

    private void Links(string html, string page)
    {
        var document = Parser.ParseDocument(html);
        foreach (var a in document.QuerySelectorAll("a[href], link[href]")) Enqueue(a.GetAttribute("href")!, page);
        foreach (var e in document.QuerySelectorAll("img[src], script[src], iframe[src], source[src]")) Enqueue(e.GetAttribute("src")!, page);
        foreach (var e in document.QuerySelectorAll("img[srcset], source[srcset]"))
            foreach (var candidate in e.GetAttribute("srcset")!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                Enqueue(candidate.Split(' ', 2)[0], page);
    }

    private void XmlLinks(byte[] body, string page)
    {
        XDocument xml;
        try { xml = XDocument.Load(new MemoryStream(body)); }
        catch (System.Xml.XmlException ex) { Broken.Add(new(page, 200, foundOn[page], "not well-formed XML: " + ex.Message)); return; }
        foreach (var e in xml.Descendants())
        {
            if (e.Name.LocalName == "loc" || (e.Name.LocalName == "link" && !e.HasElements && e.Value.Length > 0)) Enqueue(e.Value.Trim(), page);
            if (e.Name.LocalName is "link" or "enclosure" && (e.Attribute("href") ?? e.Attribute("url")) is { } href) Enqueue(href.Value, page);
        }
    }

    private static string? CheckZip(byte[] body)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(body), ZipArchiveMode.Read);
            if (zip.Entries.Count < 2) return $"a ZIP with {zip.Entries.Count} entries (a contents file and at least one file were expected)";
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                stream.CopyTo(Stream.Null);
            }
            return null;
        }
        catch (InvalidDataException ex) { return "not a readable ZIP: " + ex.Message; }
    }

    /// <summary>Adds a same-origin, public address not seen before; false when the address is off the site.</summary>
    private bool Enqueue(string raw, string page, bool alwaysFollow = false)
    {
        raw = WebUtility.HtmlDecode(raw.Trim());
        if (raw.Length == 0 || raw.StartsWith('#') || raw.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
            || raw.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || raw.StartsWith("tel:", StringComparison.OrdinalIgnoreCase)
            || raw.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)) return true;
        var baseUri = new Uri(client.BaseAddress!, page);
        if (!Uri.TryCreate(baseUri, raw, out var uri)) { Broken.Add(new(raw, 0, page, "not an address")); return true; }
        if (uri.Scheme is not ("http" or "https")) return true;
        // The site's own absolute addresses (canonical, sitemap) name its configured host; TestServer answers any host.
        if (!IsSameOrigin(uri)) return false;
        var path = uri.PathAndQuery;
        if (!alwaysFollow && !IsPublic(uri.AbsolutePath)) return true;
        if (!foundOn.ContainsKey(path))
        {
            foundOn[path] = page;
            queue.Enqueue(path);
        }
        return true;
    }

    private bool IsSameOrigin(Uri uri) =>
        uri.Host == client.BaseAddress!.Host || uri.Host is "localhost" or "127.0.0.1";

    /// <summary>The account pages of the Users module; the crawl opens the sign-in page and goes no further.</summary>
    private static readonly string[] AccountPages = ["/account", "/access-denied", "/forgot-password", "/logout", "/reset-password"];

    internal static bool IsPublic(string path) =>
        !(path.StartsWith("/admin", StringComparison.OrdinalIgnoreCase)
          || AccountPages.Any(p => path.StartsWith(p, StringComparison.OrdinalIgnoreCase))
          || path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase)
          || path.StartsWith("/jobs", StringComparison.OrdinalIgnoreCase));

    public string Report() => string.Join("\n", Broken.Select(b => $"{b.Status} {b.Url}  (found on {b.FoundOn}){(b.Why.Length > 0 ? " – " + b.Why : "")}"));
}
