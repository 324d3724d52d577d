using System.Globalization;
using System.Text;
using System.Xml;
using ChildProtection.Articles.Index;
using ChildProtection.Articles.Public;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Parts;
using ChildProtection.Core.Settings;
using ChildProtection.Themes.Public;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Articles.Feeds;

/// <summary>
/// RSS 2.0 (<c>/tin-tuc/rss.xml</c>, <c>/chu-de/{topic}/rss.xml</c>) and Atom (<c>…/atom.xml</c>): the
/// latest published articles with title, address, date, summary and topics. Written with XmlWriter, so
/// whatever an editor typed is escaped and the feed stays well-formed.
/// </summary>
internal static class NewsFeeds
{
    public const int ItemCount = 20;
    private const string AtomNamespace = "http://www.w3.org/2005/Atom";

    public sealed record Feed(string Title, string Description, string SiteUrl, string SelfUrl, string AlternateUrl, string Language,
        string Publisher, IReadOnlyList<Entry> Entries);

    public sealed record Entry(string Id, string Title, string Url, string? Summary, DateTime PublishedUtc, DateTime UpdatedUtc, IReadOnlyList<(string Id, string Name)> Topics);

    public static Task RssAsync(HttpContext http, string? topic) => WriteAsync(http, topic, atom: false);

    public static Task AtomAsync(HttpContext http, string? topic) => WriteAsync(http, topic, atom: true);

    private static async Task WriteAsync(HttpContext http, string? topicId, bool atom)
    {
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var settings = await services.GetRequiredService<ISiteSettingsService>().GetAsync(ct);
        var terms = await services.GetRequiredService<ITaxonomyLookup>().GetTermsAsync(ArticleTopics.Taxonomy, ct);
        var topic = topicId is null ? null : terms.FirstOrDefault(t => t.TermId == topicId);
        if (topicId is not null && topic is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var baseUrl = PageViews.BaseUrl(settings, http.Request);
        var items = await services.GetRequiredService<NewsQuery>().ListAsync(topic?.TermId, 1, ItemCount, ct);
        var names = terms.ToDictionary(t => t.TermId, t => t.DisplayText);
        var entries = items.Items.Select(i => new Entry(
            baseUrl + "/" + i.Path,
            i.Part("TitlePart")?["Title"]?.ToString() is { Length: > 0 } t ? t : i.DisplayText,
            baseUrl + "/" + i.Path,
            i.Part("SummaryPart")?["Summary"]?.ToString(),
            i.PublishedUtc ?? i.CreatedUtc ?? DateTime.UtcNow,
            i.ModifiedUtc ?? i.PublishedUtc ?? DateTime.UtcNow,
            ArticleTopics.Of(i).Where(names.ContainsKey).Select(id => (id, names[id])).ToList())).ToList();
        var title = topic is null ? $"Tin tức – {settings.SiteName}" : $"{topic.DisplayText} – {settings.SiteName}";
        var feed = new Feed(title,
            topic is null ? "Tin tức mới nhất về công tác bảo vệ, chăm sóc trẻ em." : $"Tin tức mới nhất về chủ đề {topic.DisplayText}.",
            baseUrl + "/",
            baseUrl + (atom ? NewsRoutes.Atom(topic?.TermId) : NewsRoutes.Rss(topic?.TermId)),
            baseUrl + (topic is null ? NewsRoutes.List : NewsRoutes.Topic(topic.TermId)),
            settings.Culture.Split('-')[0], settings.SiteName, entries);

        var xml = atom ? Atom(feed) : Rss(feed);
        http.Response.ContentType = (atom ? "application/atom+xml" : "application/rss+xml") + "; charset=utf-8";
        http.Response.Headers.CacheControl = "public, max-age=300";
        var bytes = Encoding.UTF8.GetBytes(xml);
        http.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(http.Request.Method)) await http.Response.Body.WriteAsync(bytes, ct);
    }

    private static XmlWriterSettings WriterSettings => new()
    {
        Encoding = new UTF8Encoding(false),
        Indent = true,
        // Control characters an editor pasted would make the feed unreadable: replace them rather than fail.
        CheckCharacters = false,
    };

    internal static string Rss(Feed feed)
    {
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(new Utf8StringWriter(sb), WriterSettings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("rss");
            w.WriteAttributeString("version", "2.0");
            w.WriteAttributeString("xmlns", "atom", null, AtomNamespace);
            w.WriteStartElement("channel");
            w.WriteElementString("title", Clean(feed.Title));
            w.WriteElementString("link", feed.AlternateUrl);
            w.WriteElementString("description", Clean(feed.Description));
            w.WriteElementString("language", feed.Language);
            w.WriteElementString("lastBuildDate", Rfc822(feed.Entries.Count > 0 ? feed.Entries.Max(e => e.UpdatedUtc) : DateTime.UtcNow));
            w.WriteStartElement("atom", "link", AtomNamespace);
            w.WriteAttributeString("href", feed.SelfUrl);
            w.WriteAttributeString("rel", "self");
            w.WriteAttributeString("type", "application/rss+xml");
            w.WriteEndElement();
            foreach (var e in feed.Entries)
            {
                w.WriteStartElement("item");
                w.WriteElementString("title", Clean(e.Title));
                w.WriteElementString("link", e.Url);
                w.WriteStartElement("guid");
                w.WriteAttributeString("isPermaLink", "true");
                w.WriteString(e.Url);
                w.WriteEndElement();
                w.WriteElementString("pubDate", Rfc822(e.PublishedUtc));
                if (!string.IsNullOrWhiteSpace(e.Summary)) w.WriteElementString("description", Clean(e.Summary));
                foreach (var (_, name) in e.Topics) w.WriteElementString("category", Clean(name));
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        return sb.ToString();
    }

    internal static string Atom(Feed feed)
    {
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(new Utf8StringWriter(sb), WriterSettings))
        {
            w.WriteStartDocument();
            w.WriteStartElement("feed", AtomNamespace);
            w.WriteAttributeString("xml", "lang", null, feed.Language);
            w.WriteElementString("id", AtomNamespace, feed.SelfUrl);
            w.WriteElementString("title", AtomNamespace, Clean(feed.Title));
            w.WriteElementString("subtitle", AtomNamespace, Clean(feed.Description));
            w.WriteElementString("updated", AtomNamespace, Rfc3339(feed.Entries.Count > 0 ? feed.Entries.Max(e => e.UpdatedUtc) : DateTime.UtcNow));
            Link(w, "self", feed.SelfUrl, "application/atom+xml");
            Link(w, "alternate", feed.AlternateUrl, "text/html");
            w.WriteStartElement("author", AtomNamespace);
            w.WriteElementString("name", AtomNamespace, Clean(feed.Publisher));
            w.WriteElementString("uri", AtomNamespace, feed.SiteUrl);
            w.WriteEndElement();
            foreach (var e in feed.Entries)
            {
                w.WriteStartElement("entry", AtomNamespace);
                w.WriteElementString("id", AtomNamespace, e.Id);
                w.WriteElementString("title", AtomNamespace, Clean(e.Title));
                Link(w, "alternate", e.Url, "text/html");
                w.WriteElementString("published", AtomNamespace, Rfc3339(e.PublishedUtc));
                w.WriteElementString("updated", AtomNamespace, Rfc3339(e.UpdatedUtc));
                if (!string.IsNullOrWhiteSpace(e.Summary)) w.WriteElementString("summary", AtomNamespace, Clean(e.Summary));
                foreach (var (id, name) in e.Topics)
                {
                    w.WriteStartElement("category", AtomNamespace);
                    w.WriteAttributeString("term", id);
                    w.WriteAttributeString("label", Clean(name));
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        return sb.ToString();
    }

    private static void Link(XmlWriter w, string rel, string href, string type)
    {
        w.WriteStartElement("link", AtomNamespace);
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("type", type);
        w.WriteAttributeString("href", href);
        w.WriteEndElement();
    }

    /// <summary>Characters XML 1.0 cannot carry at all (most C0 controls) are dropped.</summary>
    internal static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
            if (c is '\t' or '\n' or '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF)) sb.Append(c);
        return sb.ToString();
    }

    private static string Rfc822(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("r", CultureInfo.InvariantCulture);

    private static string Rfc3339(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private sealed class Utf8StringWriter(StringBuilder sb) : StringWriter(sb, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
