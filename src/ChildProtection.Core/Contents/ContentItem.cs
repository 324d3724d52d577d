using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChildProtection.Core.Contents;

/// <summary>
/// One version of a content item: metadata plus a JSON object whose top-level properties are parts
/// (<c>TitlePart</c>, <c>BodyPart</c> …) and the type's own part holding its fields. The wire shape is
/// Orchard's: metadata and parts side by side in one object.
/// </summary>
public sealed class ContentItem
{
    public static readonly string[] MetadataNames =
    [
        "ContentItemId", "ContentItemVersionId", "ContentType", "DisplayText", "Latest", "Published",
        "Owner", "Author", "CreatedUtc", "ModifiedUtc", "PublishedUtc", "Number", "Path"
    ];

    public string ContentItemId { get; set; } = "";
    public string ContentItemVersionId { get; set; } = "";
    public string ContentType { get; set; } = "";
    public string DisplayText { get; set; } = "";
    public bool Latest { get; set; }
    public bool Published { get; set; }
    public string? Owner { get; set; }
    public string? Author { get; set; }
    public DateTime? CreatedUtc { get; set; }
    public DateTime? ModifiedUtc { get; set; }
    public DateTime? PublishedUtc { get; set; }
    public int Number { get; set; }
    /// <summary>The public path from the route part, kept here so lists need not read the parts.</summary>
    public string? Path { get; set; }

    /// <summary>Parts and the type's fields, keyed by part name.</summary>
    public JsonObject Content { get; set; } = new();

    public JsonObject? Part(string name) => Content[name] as JsonObject;

    public JsonObject GetOrCreatePart(string name)
    {
        if (Content[name] is JsonObject o) return o;
        var created = new JsonObject();
        Content[name] = created;
        return created;
    }

    public T? Get<T>(string part, string property)
    {
        var node = Part(part)?[property];
        if (node is null) return default;
        try { return node.Deserialize<T>(); } catch (JsonException) { return default; } catch (InvalidOperationException) { return default; }
    }

    public ContentItem CloneAsNewVersion()
    {
        var copy = (ContentItem)MemberwiseClone();
        copy.Content = (JsonObject)Content.DeepClone();
        return copy;
    }

    /// <summary>Metadata and parts in one object, as recipes, exports and the API carry it.</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject
        {
            ["ContentItemId"] = ContentItemId,
            ["ContentItemVersionId"] = ContentItemVersionId,
            ["ContentType"] = ContentType,
            ["DisplayText"] = DisplayText,
            ["Latest"] = Latest,
            ["Published"] = Published,
            ["Owner"] = Owner,
            ["Author"] = Author,
            ["CreatedUtc"] = CreatedUtc,
            ["ModifiedUtc"] = ModifiedUtc,
            ["PublishedUtc"] = PublishedUtc,
        };
        foreach (var (key, value) in Content) o[key] = value?.DeepClone();
        return o;
    }

    private static DateTime? ReadDate(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.String
        && DateTime.TryParse(node.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var d)
            ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : null;

    /// <summary>Reads the wire shape. Metadata the caller may not set (versions, times) is ignored by the manager.</summary>
    public static ContentItem FromJson(JsonObject json)
    {
        var item = new ContentItem
        {
            ContentItemId = json["ContentItemId"]?.GetValueKind() == JsonValueKind.String ? json["ContentItemId"]!.GetValue<string>() : "",
            ContentType = json["ContentType"]?.GetValueKind() == JsonValueKind.String ? json["ContentType"]!.GetValue<string>() : "",
            DisplayText = json["DisplayText"]?.GetValueKind() == JsonValueKind.String ? json["DisplayText"]!.GetValue<string>() : "",
            Published = json["Published"]?.GetValueKind() == JsonValueKind.True,
            Owner = json["Owner"]?.GetValueKind() == JsonValueKind.String ? json["Owner"]!.GetValue<string>() : null,
            Author = json["Author"]?.GetValueKind() == JsonValueKind.String ? json["Author"]!.GetValue<string>() : null,
            CreatedUtc = ReadDate(json["CreatedUtc"]),
            PublishedUtc = ReadDate(json["PublishedUtc"]),
        };
        foreach (var (key, value) in json)
        {
            if (MetadataNames.Contains(key)) continue;
            item.Content[key] = value?.DeepClone();
        }
        return item;
    }
}
