using System.Text.Json;
using ChildProtection.Core.Contents;

namespace ChildProtection.Articles.Index;

/// <summary>How an article names its topics: the TermsPart attached as <c>Topics</c> (taxonomy "topics").</summary>
public static class ArticleTopics
{
    public const string ContentType = "Article";
    public const string PartName = "Topics";
    public const string Taxonomy = "topics";

    public static IReadOnlyList<string> Of(ContentItem item)
    {
        if (item.Part(PartName)?["TermIds"] is not System.Text.Json.Nodes.JsonArray ids) return [];
        return ids.Where(i => i?.GetValueKind() == JsonValueKind.String).Select(i => i!.GetValue<string>())
            .Where(i => i.Length is > 0 and <= 200).Distinct().ToList();
    }
}
