using System.Text.Json.Nodes;
using ChildProtection.Core.Fields;
using ChildProtection.Core.Metadata;
using ChildProtection.Core.Parts;

namespace ChildProtection.Core.Contents;

/// <summary>
/// Runs every part and field of the item's type over the item's JSON: checks values, normalises them
/// (sanitised HTML, slugs, display text) and refuses parts the type does not have.
/// </summary>
public sealed class ContentPipeline(IEnumerable<IContentPartHandler> partHandlers, IEnumerable<IContentFieldHandler> fieldHandlers, IServiceProvider services)
{
    private readonly Dictionary<string, IContentPartHandler> parts = partHandlers.ToDictionary(p => p.PartName);
    private readonly Dictionary<string, IContentFieldHandler> fields = fieldHandlers.ToDictionary(f => f.FieldName);

    public IReadOnlyDictionary<string, IContentPartHandler> Parts => parts;
    public IReadOnlyDictionary<string, IContentFieldHandler> Fields => fields;

    public async Task<List<ContentValidationError>> UpdateAsync(ContentItem item, ContentTypeDefinition type, ContentDefinitionDocument definitions)
    {
        var errors = new List<ContentValidationError>();
        var typeParts = type.Parts.ToList();
        foreach (var (key, _) in item.Content.ToList())
        {
            if (typeParts.All(p => p.Name != key)) errors.Add(new(key, "The type {0} has no part named {1}.", type.Name, key));
        }

        // The title sets the display text the route is made from, so it runs first and the route last.
        foreach (var typePart in typeParts.OrderBy(p => p.PartName == "TitlePart" ? 0 : p.PartName == "RoutePart" ? 2 : 1))
        {
            if (item.Content[typePart.Name] is not null and not JsonObject)
            {
                errors.Add(new(typePart.Name, "Expected an object."));
                continue;
            }
            var partJson = item.GetOrCreatePart(typePart.Name);
            if (parts.TryGetValue(typePart.PartName, out var handler))
            {
                JsonValues.RejectUnknown(partJson, handler.KnownProperties, typePart.Name, errors);
                await handler.UpdateAsync(new PartContext { Item = item, Type = type, TypePart = typePart, Part = partJson, Services = services }, errors);
            }
            else if (definitions.GetPart(typePart.PartName) is { } partDefinition)
            {
                await UpdateFieldsAsync(item, typePart, partDefinition, partJson, errors);
            }
            else
            {
                errors.Add(new(typePart.Name, "Unknown part {0}.", typePart.PartName));
            }
        }

        if (string.IsNullOrWhiteSpace(item.DisplayText)) item.DisplayText = type.DisplayName;
        if (item.DisplayText.Length > 1024) item.DisplayText = item.DisplayText[..1024];
        if (!type.HasPart("RoutePart")) item.Path = null;
        return errors;
    }

    private async Task UpdateFieldsAsync(ContentItem item, ContentTypePartDefinition typePart, ContentPartDefinition partDefinition, JsonObject partJson, List<ContentValidationError> errors)
    {
        var definedFields = partDefinition.Fields.ToList();
        foreach (var (key, _) in partJson.ToList())
        {
            if (definedFields.All(f => f.Name != key)) errors.Add(new($"{typePart.Name}.{key}", "Unknown field {0}.", key));
        }
        foreach (var field in definedFields)
        {
            var path = $"{typePart.Name}.{field.Name}";
            if (!fields.TryGetValue(field.FieldName, out var handler))
            {
                errors.Add(new(path, "Unknown field kind {0}.", field.FieldName));
                continue;
            }
            if (partJson[field.Name] is not null and not JsonObject)
            {
                errors.Add(new(path, "Expected an object."));
                continue;
            }
            if (partJson[field.Name] is not JsonObject value)
            {
                value = new JsonObject();
                partJson[field.Name] = value;
            }
            JsonValues.RejectUnknown(value, handler.KnownProperties, path, errors);
            await handler.UpdateAsync(new FieldContext { Item = item, Field = field, Value = value, Path = path, Services = services }, errors);
        }
    }
}
