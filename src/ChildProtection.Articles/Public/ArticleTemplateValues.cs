using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Articles.Index;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Parts;
using ChildProtection.Themes.Rendering;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Articles.Public;

/// <summary>
/// What an article's page shows beyond its own parts: its topics as links (<c>Topics</c>), related
/// articles (<c>Related</c>), share links that need no third-party script (<c>Share</c>), the print
/// view's address (<c>PrintUrl</c>) and JSON-LD <c>NewsArticle</c> (<c>JsonLd</c>, safe inside a script
/// element: every &lt; is escaped).
/// </summary>
internal sealed class ArticleTemplateValues(IServiceScopeFactory scopes) : IContentTemplateValues
{
    public const int RelatedCount = 4;

    public async Task AddAsync(ContentTemplateContext context)
    {
        var item = context.Item;
        if (item.ContentType != ArticleTopics.ContentType) return;
        if (context.Display is not (Themes.Rendering.TemplateNames.DetailDisplay or NewsPages.PrintDisplay or Themes.Rendering.TemplateNames.SummaryDisplay)) return;

        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var terms = await services.GetRequiredService<ITaxonomyLookup>().GetTermsAsync(ArticleTopics.Taxonomy);
        var topicIds = ArticleTopics.Of(item);
        var topics = terms.Where(t => topicIds.Contains(t.TermId)).ToList();
        context.Values["Topics"] = topics.Select(t => (object?)new Dictionary<string, object?>
        {
            ["Id"] = t.TermId, ["Name"] = t.DisplayText, ["Url"] = NewsRoutes.Topic(t.TermId),
        }).ToList();
        if (context.Display == Themes.Rendering.TemplateNames.SummaryDisplay) return;

        // The body with srcset/sizes on its media-library images (the template prefers it to the stored body).
        var body = Text(item.Part("BodyPart")?["Html"]);
        if (!string.IsNullOrEmpty(body) && services.GetService<ChildProtection.Media.IMediaLibrary>() is { } library)
            context.Values["BodyHtml"] = await InlineImages.AddSrcSetAsync(body, library);

        var baseUrl = context.Scope.Site.BaseUrl;
        var path = "/" + (item.Path ?? "");
        var absolute = baseUrl + path;
        var title = Text(item.Part("TitlePart")?["Title"]) ?? item.DisplayText;
        context.Values["PrintUrl"] = NewsRoutes.Print(item.Path ?? "");
        context.Values["AbsoluteUrl"] = absolute;
        context.Values["Share"] = ShareLinks(absolute, title);

        var related = await services.GetRequiredService<NewsQuery>().RelatedAsync(item, RelatedCount, CancellationToken.None);
        context.Values["Related"] = related.Select(r => (object?)new Dictionary<string, object?>
        {
            ["Title"] = Text(r.Part("TitlePart")?["Title"]) ?? r.DisplayText,
            ["Url"] = "/" + r.Path,
            ["PublishedUtc"] = r.PublishedUtc,
        }).ToList();
        context.Values["JsonLd"] = JsonLd(item, context.Scope, absolute, title, topics.Select(t => t.DisplayText));
    }

    internal static Dictionary<string, object?> ShareLinks(string url, string title)
    {
        var u = Uri.EscapeDataString(url);
        var t = Uri.EscapeDataString(title);
        return new Dictionary<string, object?>
        {
            ["Facebook"] = $"https://www.facebook.com/sharer/sharer.php?u={u}",
            ["X"] = $"https://twitter.com/intent/tweet?url={u}&text={t}",
            ["Zalo"] = $"https://zalo.me/share?url={u}",
            ["Email"] = $"mailto:?subject={t}&body={u}",
        };
    }

    private static readonly JsonSerializerOptions LdJson = new()
    {
        // The default encoder escapes <, >, & and quotes as \uXXXX: "</script>" in a title cannot end the element.
        Encoder = JavaScriptEncoder.Default,
        WriteIndented = false,
    };

    internal static string JsonLd(ContentItem item, RenderScope scope, string absoluteUrl, string title, IEnumerable<string> sections)
    {
        string? Iso(DateTime? utc) => utc is null ? null
            : new DateTimeOffset(DateTime.SpecifyKind(utc.Value, DateTimeKind.Utc)).ToOffset(scope.TimeZone.GetUtcOffset(utc.Value)).ToString("yyyy-MM-ddTHH:mm:sszzz");
        var image = Text(item.Part("MediaPart")?["Url"]);
        var byline = Text(item.Part(ArticleTopics.ContentType)?["Byline"]?["Text"]);
        var ld = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "NewsArticle",
            ["headline"] = title.Length > 110 ? title[..110] : title,
            ["mainEntityOfPage"] = absoluteUrl,
            ["url"] = absoluteUrl,
            ["inLanguage"] = scope.Site.Language,
            ["datePublished"] = Iso(item.PublishedUtc),
            ["dateModified"] = Iso(item.ModifiedUtc ?? item.PublishedUtc),
            ["publisher"] = new JsonObject { ["@type"] = "Organization", ["name"] = scope.Site.Name, ["url"] = scope.Site.BaseUrl + "/" },
            ["author"] = new JsonObject { ["@type"] = "Organization", ["name"] = byline ?? scope.Site.Name },
        };
        if (Text(item.Part("SummaryPart")?["Summary"]) is { } summary) ld["description"] = summary;
        if (image is not null) ld["image"] = new JsonArray(image.StartsWith('/') ? scope.Site.BaseUrl + image : image);
        var sectionList = sections.ToList();
        if (sectionList.Count > 0) ld["articleSection"] = new JsonArray(sectionList.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray());
        foreach (var (key, value) in ld.ToList()) if (value is null) ld.Remove(key);
        return ld.ToJsonString(LdJson);
    }

    private static string? Text(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String && node.GetValue<string>() is { } s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;
}
