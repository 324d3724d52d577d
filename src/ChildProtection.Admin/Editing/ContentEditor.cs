using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Core;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Fields;
using ChildProtection.Core.Metadata;
using ChildProtection.Core.Parts;
using ChildProtection.Core.Settings;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Admin.Editing;

/// <summary>
/// Builds the editor of a type from its parts and fields, fills it from an item, and reads a posted form
/// back into the item's JSON. Checking the values is the parts' job (the content pipeline), not this one's.
/// </summary>
public sealed class ContentEditor(
    ContentPipeline pipeline,
    IContentManager contents,
    IServiceProvider services,
    IStringLocalizer<CoreText> C)
{
    public async Task<List<EditorSection>> BuildAsync(ContentItem item, ContentTypeDefinition type, ContentDefinitionDocument definitions, SiteTime time)
    {
        var sections = new List<EditorSection>();
        foreach (var typePart in type.Parts)
        {
            var partJson = item.Content[typePart.Name] as JsonObject ?? new JsonObject();
            if (pipeline.Parts.TryGetValue(typePart.PartName, out var handler))
            {
                var section = new EditorSection { Title = typePart.DisplayName ?? C[handler.DisplayName], PartName = typePart.Name };
                var context = new PartContext { Item = item, Type = type, TypePart = typePart, Part = partJson, Services = services };
                foreach (var input in await handler.GetEditorInputsAsync(context))
                    section.Fields.Add(await FillAsync(new EditorField { Input = input, PartName = typePart.Name }, partJson, time));
                sections.Add(section);
            }
            else if (definitions.GetPart(typePart.PartName) is { } partDefinition)
            {
                var section = new EditorSection { Title = typePart.DisplayName ?? C["Details"], PartName = typePart.Name };
                foreach (var field in partDefinition.Fields)
                {
                    if (!pipeline.Fields.TryGetValue(field.FieldName, out var fieldHandler)) continue;
                    var value = partJson[field.Name] as JsonObject ?? new JsonObject();
                    var context = new FieldContext { Item = item, Field = field, Value = value, Path = $"{typePart.Name}.{field.Name}", Services = services };
                    foreach (var input in await fieldHandler.GetEditorInputsAsync(context))
                        section.Fields.Add(await FillAsync(new EditorField { Input = input, PartName = typePart.Name, FieldName = field.Name }, value, time));
                }
                if (section.Fields.Count > 0) sections.Add(section);
            }
        }
        return sections;
    }

    private async Task<EditorField> FillAsync(EditorField field, JsonObject container, SiteTime time)
    {
        var node = container[field.Input.Property];
        switch (field.Input.Kind)
        {
            case EditorKind.Terms or EditorKind.MultiSelect:
                field.Values = ReadStrings(node);
                field.Options = field.Input.Options;
                break;
            case EditorKind.ContentPicker:
                field.Values = ReadStrings(node);
                var options = new List<(string, string)>();
                var types = field.Input.PickableTypes.Count > 0 ? field.Input.PickableTypes : [];
                foreach (var type in types)
                    foreach (var candidate in await contents.ListLatestOfTypeAsync(type))
                        options.Add((candidate.ContentItemId, candidate.DisplayText));
                field.Options = options;
                break;
            case EditorKind.Lines:
                field.Value = string.Join("\n", node is JsonArray a ? a.Select(LineOf) : []);
                break;
            case EditorKind.Boolean:
                field.Value = node?.GetValueKind() == JsonValueKind.True ? "true" : "";
                break;
            case EditorKind.DateTime:
                field.Value = node?.GetValueKind() == JsonValueKind.String
                    && DateTime.TryParse(node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc)
                    ? time.ToLocal(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) : "";
                break;
            case EditorKind.Number:
                field.Value = node?.GetValueKind() == JsonValueKind.Number ? node.ToJsonString() : node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : "";
                break;
            default:
                field.Value = node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : "";
                field.Options = field.Input.Options;
                break;
        }
        return field;
    }

    private static string LineOf(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonObject o when o["Url"] is not null => $"{o["Text"]} | {o["Url"]}",
        JsonObject o when o["DisplayText"] is not null => o["DisplayText"]!.ToString(),
        _ => node?.ToJsonString() ?? "",
    };

    private static List<string> ReadStrings(JsonNode? node) =>
        node is JsonArray a ? a.Where(n => n?.GetValueKind() == JsonValueKind.String).Select(n => n!.GetValue<string>()).ToList() : [];

    /// <summary>Writes the posted values into the item. Values are kept as typed so the parts can say what is wrong.</summary>
    public void Bind(IFormCollection form, IEnumerable<EditorSection> sections, ContentItem item, SiteTime time)
    {
        foreach (var field in sections.SelectMany(s => s.Fields))
        {
            var part = item.GetOrCreatePart(field.PartName);
            JsonObject container = part;
            if (field.FieldName is not null)
            {
                if (part[field.FieldName] is not JsonObject fieldJson)
                {
                    fieldJson = new JsonObject();
                    part[field.FieldName] = fieldJson;
                }
                container = fieldJson;
            }
            var raw = form[field.FormName];
            var text = (raw.FirstOrDefault() ?? "").Replace("\r\n", "\n");
            JsonNode? value = field.Input.Kind switch
            {
                EditorKind.Boolean => JsonValue.Create(raw.Any(v => v == "true")),
                EditorKind.Terms or EditorKind.MultiSelect or EditorKind.ContentPicker =>
                    new JsonArray(raw.Where(v => !string.IsNullOrEmpty(v)).Select(v => (JsonNode)JsonValue.Create(v!)!).ToArray()),
                EditorKind.Lines => new JsonArray(text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => (JsonNode)JsonValue.Create(l)!).ToArray()),
                EditorKind.Number => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d)
                    : decimal.TryParse(text, NumberStyles.Number, CultureInfo.GetCultureInfo("vi-VN"), out d) ? JsonValue.Create(d)
                    : string.IsNullOrWhiteSpace(text) ? null : JsonValue.Create(text),
                EditorKind.DateTime => DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
                    ? JsonValue.Create(time.ToUtc(local).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture))
                    : string.IsNullOrWhiteSpace(text) ? null : JsonValue.Create(text),
                EditorKind.Date => string.IsNullOrWhiteSpace(text) ? null : JsonValue.Create(text),
                _ => JsonValue.Create(text),
            };
            if (value is null) container.Remove(field.Input.Property);
            else container[field.Input.Property] = value;
            field.Value = text;
            field.Values = raw.Where(v => v is not null).Select(v => v!).ToList();
        }
    }

    /// <summary>Puts each validation message next to its input; the rest are returned for the summary.</summary>
    public List<string> AttachErrors(IEnumerable<EditorSection> sections, IEnumerable<ContentValidationError> errors)
    {
        var fields = sections.SelectMany(s => s.Fields).ToList();
        var unplaced = new List<string>();
        foreach (var error in errors)
        {
            var message = C[error.Message, error.Args].Value;
            var field = fields.FirstOrDefault(f => error.Path == f.Path || error.Path.StartsWith(f.Path + "[", StringComparison.Ordinal));
            if (field is not null) field.Errors.Add(message);
            else unplaced.Add(message);
        }
        return unplaced;
    }
}
