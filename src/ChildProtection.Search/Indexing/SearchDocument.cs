using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using Lucene.Net.Documents;

namespace ChildProtection.Search.Indexing;

/// <summary>What the index keeps of one published item.</summary>
internal sealed record SearchDocument(
    string Id, string Type, string Url, string Title, string Summary, string Body,
    IReadOnlyList<string> TopicIds, IReadOnlyList<string> TopicNames, DateTime? PublishedUtc)
{
    /// <summary>The part the Library module keeps a resource's data in, and its flag for material shown only to signed-in partners.</summary>
    public const string ResourcePart = "ResourcePart";
    public const string RestrictedProperty = "Restricted";
    /// <summary>The TermsPart name content types give their topics (articles, campaigns, events, resources).</summary>
    public const string TopicsPart = "Topics";

    /// <summary>
    /// The item as the public may find it, or null when it must not be found: not published, without a public
    /// address (taxonomies, menus), or restricted library material.
    /// </summary>
    public static SearchDocument? From(ContentItem item, IReadOnlyDictionary<string, string> topicNames)
    {
        if (!item.Published || string.IsNullOrWhiteSpace(item.Path)) return null;
        if (IsRestricted(item)) return null;
        var topics = TopicIdsOf(item);
        var title = IndexText.Normalize(string.IsNullOrWhiteSpace(item.DisplayText) ? item.Get<string>("TitlePart", "Title") : item.DisplayText);
        var body = item.Get<string>("BodyPart", "Html") is { Length: > 0 } html ? IndexText.FromHtml(html) : IndexText.Normalize(item.Get<string>("BodyPart", "Markdown"));
        return new SearchDocument(
            item.ContentItemId,
            item.ContentType,
            "/" + item.Path!.TrimStart('/'),
            title,
            IndexText.Normalize(item.Get<string>("SummaryPart", "Summary")),
            body,
            topics,
            topics.Select(t => topicNames.TryGetValue(t, out var name) ? IndexText.Normalize(name) : null).Where(n => n is not null).Select(n => n!).ToList(),
            item.PublishedUtc);
    }

    public static bool IsRestricted(ContentItem item) => item.Part(ResourcePart)?[RestrictedProperty]?.GetValueKind() == JsonValueKind.True;

    private static List<string> TopicIdsOf(ContentItem item) =>
        item.Part(TopicsPart)?["TermIds"] is JsonArray ids
            ? ids.Where(i => i?.GetValueKind() == JsonValueKind.String).Select(i => i!.GetValue<string>()).Where(i => i.Length is > 0 and <= 200).Distinct().ToList()
            : [];

    public Document ToLucene()
    {
        var doc = new Document
        {
            new StringField(SearchFields.Id, Id, Field.Store.YES),
            new StringField(SearchFields.Type, Type, Field.Store.YES),
            new StoredField(SearchFields.Url, Url),
            new StoredField(SearchFields.Date, PublishedUtc?.Ticks ?? 0L),
        };
        foreach (var topic in TopicIds) doc.Add(new StringField(SearchFields.Topic, topic, Field.Store.YES));
        if (Title.Length > 0)
        {
            doc.Add(new TextField(SearchFields.Title, Title, Field.Store.YES));
            doc.Add(new TextField(SearchFields.Folded(SearchFields.Title), Title, Field.Store.NO));
        }
        if (Summary.Length > 0) doc.Add(new StoredField(SearchFields.Summary, Summary));
        if (Body.Length > 0) doc.Add(new StoredField(SearchFields.Body, Body));
        foreach (var text in new[] { Title, string.Join(" · ", TopicNames), Summary, Body })
        {
            if (text.Length == 0) continue;
            doc.Add(new TextField(SearchFields.All, text, Field.Store.NO));
            doc.Add(new TextField(SearchFields.Folded(SearchFields.All), text, Field.Store.NO));
        }
        return doc;
    }
}
