using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChildProtection.Core.Metadata;

/// <summary>
/// The content definition in Orchard's recipe shape: types (ordered parts with settings) and parts
/// (fields with settings). Types are data; parts and fields are code (<see cref="Parts.IContentPartHandler"/>).
/// </summary>
public sealed class ContentDefinitionDocument
{
    public List<ContentTypeDefinition> ContentTypes { get; set; } = [];
    public List<ContentPartDefinition> ContentParts { get; set; } = [];

    public ContentTypeDefinition? GetType(string name) =>
        ContentTypes.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    public ContentPartDefinition? GetPart(string name) =>
        ContentParts.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNameCaseInsensitive = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public ContentDefinitionDocument Clone() =>
        JsonSerializer.Deserialize<ContentDefinitionDocument>(JsonSerializer.Serialize(this, Json), Json)!;
}

public sealed class ContentTypeDefinition
{
    public string Name { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public JsonObject Settings { get; set; } = new();
    public List<ContentTypePartDefinition> ContentTypePartDefinitionRecords { get; set; } = [];

    [JsonIgnore]
    public ContentTypeSettings TypeSettings
    {
        get => Settings["ContentTypeSettings"]?.Deserialize<ContentTypeSettings>(ContentDefinitionDocument.Json) ?? new ContentTypeSettings();
        set => Settings["ContentTypeSettings"] = JsonSerializer.SerializeToNode(value, ContentDefinitionDocument.Json);
    }

    /// <summary>Parts in editor order (<c>ContentTypePartSettings.Position</c>, then declaration order).</summary>
    [JsonIgnore]
    public IEnumerable<ContentTypePartDefinition> Parts =>
        ContentTypePartDefinitionRecords.Select((p, i) => (p, i)).OrderBy(x => x.p.Position ?? x.i).ThenBy(x => x.i).Select(x => x.p);

    public bool HasPart(string partName) => ContentTypePartDefinitionRecords.Any(p => p.PartName == partName);

    public ContentTypePartDefinition? FindPart(string partName) => ContentTypePartDefinitionRecords.FirstOrDefault(p => p.PartName == partName);
}

public sealed class ContentTypeSettings
{
    public bool Creatable { get; set; } = true;
    public bool Listable { get; set; } = true;
    public bool Draftable { get; set; } = true;
    public bool Versionable { get; set; } = true;
    /// <summary>Per-type permissions (Publish_Article …) in addition to the general content permissions.</summary>
    public bool Securable { get; set; }
    /// <summary>Items of this type are published only by someone who may review (Reviewers); editors submit them for review.</summary>
    public bool RequiresReview { get; set; }
    public string? Stereotype { get; set; }
}

public sealed class ContentTypePartDefinition
{
    /// <summary>The part's name on this type; equals <see cref="PartName"/> unless the part is attached twice.</summary>
    public string Name { get; set; } = "";
    /// <summary>The code part (<c>TitlePart</c>) or the content part definition holding fields (usually the type's name).</summary>
    public string PartName { get; set; } = "";
    public JsonObject Settings { get; set; } = new();

    [JsonIgnore]
    public int? Position => ReadInt(Settings["ContentTypePartSettings"]?["Position"]);

    [JsonIgnore]
    public string? DisplayName => Settings["ContentTypePartSettings"]?["DisplayName"]?.GetValueKind() == JsonValueKind.String
        ? Settings["ContentTypePartSettings"]!["DisplayName"]!.GetValue<string>() : null;

    /// <summary>Typed settings stored under the key <c>{PartName}Settings</c> (Orchard's convention).</summary>
    public T GetSettings<T>() where T : class, new() =>
        Settings[PartName + "Settings"]?.Deserialize<T>(ContentDefinitionDocument.Json) ?? new T();

    internal static int? ReadInt(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.Number => node.GetValue<int>(),
        JsonValueKind.String when int.TryParse(node.GetValue<string>(), out var i) => i,
        _ => null,
    };
}

public sealed class ContentPartDefinition
{
    public string Name { get; set; } = "";
    public JsonObject Settings { get; set; } = new();
    public List<ContentPartFieldDefinition> ContentPartFieldDefinitionRecords { get; set; } = [];

    [JsonIgnore]
    public IEnumerable<ContentPartFieldDefinition> Fields =>
        ContentPartFieldDefinitionRecords.Select((f, i) => (f, i)).OrderBy(x => x.f.Position ?? x.i).ThenBy(x => x.i).Select(x => x.f);
}

public sealed class ContentPartFieldDefinition
{
    /// <summary>The field kind: TextField, HtmlField, NumberField, BooleanField, DateField, DateTimeField, LinkField, ContentPickerField.</summary>
    public string FieldName { get; set; } = "";
    public string Name { get; set; } = "";
    public JsonObject Settings { get; set; } = new();

    [JsonIgnore]
    public string DisplayName => Settings["ContentPartFieldSettings"]?["DisplayName"]?.GetValueKind() == JsonValueKind.String
        ? Settings["ContentPartFieldSettings"]!["DisplayName"]!.GetValue<string>() : Name;

    [JsonIgnore]
    public int? Position => ContentTypePartDefinition.ReadInt(Settings["ContentPartFieldSettings"]?["Position"]);

    /// <summary>Typed settings stored under <c>{FieldName}Settings</c>.</summary>
    public T GetSettings<T>() where T : class, new() =>
        Settings[FieldName + "Settings"]?.Deserialize<T>(ContentDefinitionDocument.Json) ?? new T();
}
