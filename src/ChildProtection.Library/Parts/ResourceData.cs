using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;

namespace ChildProtection.Library.Parts;

/// <summary>One downloadable form of a resource ("Bản in A4 (PDF)"): a stable key for its address, a label and the file.</summary>
public sealed record ResourceVariant(string Key, string Label, string MediaId);

/// <summary>
/// A resource's part read into plain values (after the part handler has normalised it, so reading never
/// fails: a missing or wrong value reads as empty).
/// </summary>
public sealed record ResourceData(
    string Kind,
    IReadOnlyList<string> Audiences,
    IReadOnlyList<string> CampaignIds,
    IReadOnlyList<string> TopicIds,
    string Language,
    IReadOnlyList<ResourceVariant> Files,
    string? CoverMediaId,
    string UsageNote,
    bool Restricted,
    string? VideoUrl)
{
    public const string TypeName = "Resource";
    public const string PartName = "ResourcePart";
    /// <summary>The TermsPart holding the resource's topics (as on articles and campaigns).</summary>
    public const string TopicsPartName = "Topics";

    /// <summary>Every file the resource points at: variants, then the cover.</summary>
    public IEnumerable<string> MediaIds => Files.Select(f => f.MediaId).Concat(CoverMediaId is null ? [] : [CoverMediaId]).Distinct();

    public static ResourceData From(ContentItem item)
    {
        var part = item.Part(PartName) ?? new JsonObject();
        var files = new List<ResourceVariant>();
        if (part["Files"] is JsonArray array)
        {
            foreach (var node in array)
            {
                if (node is not JsonObject o) continue;
                var key = Text(o["Key"]);
                var mediaId = Text(o["mediaId"]);
                if (key is null || mediaId is null) continue;
                files.Add(new ResourceVariant(key, Text(o["Label"]) ?? key, mediaId));
            }
        }
        return new ResourceData(
            Text(part["Kind"]) ?? "other",
            Strings(part["Audiences"]),
            Strings(part["CampaignIds"]),
            Strings(item.Part(TopicsPartName)?["TermIds"]),
            Text(part["Language"]) ?? "vi",
            files,
            Text((part["Cover"] as JsonObject)?["mediaId"]),
            Text(part["UsageNote"]) ?? ResourceVocabulary.DefaultUsageNote,
            part["Restricted"]?.GetValueKind() == JsonValueKind.True,
            Text(part["VideoUrl"]));
    }

    private static string? Text(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String && node.GetValue<string>() is { Length: > 0 } s && !string.IsNullOrWhiteSpace(s) ? s : null;

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray a ? a.Select(Text).Where(s => s is not null).Select(s => s!).Distinct().ToList() : [];
}
