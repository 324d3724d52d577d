using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Core.Recipes.Steps;

/// <summary>
/// Orchard's ContentDefinition step: <c>ContentTypes</c> and <c>ContentParts</c>. Types and parts named in
/// the step are merged into the site's definition (settings overwritten key by key, parts and fields
/// added or replaced by name); nothing else is touched, so applying it twice changes nothing.
/// </summary>
public sealed partial class ContentDefinitionStep : IRecipeStep
{
    public string Name => "ContentDefinition";
    public int ExportOrder => 10;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,63}$")]
    private static partial Regex TechnicalName();

    public async Task ExecuteAsync(RecipeStepContext ctx)
    {
        var store = ctx.Services.GetRequiredService<IContentDefinitionStore>();
        var pipeline = ctx.Services.GetRequiredService<ContentPipeline>();
        var current = await store.GetAsync();
        var document = current.Clone();

        var parts = Read<ContentPartDefinition>(ctx, "ContentParts");
        var types = Read<ContentTypeDefinition>(ctx, "ContentTypes");
        if (ctx.Errors.Count > 0) return;

        for (var p = 0; p < parts.Count; p++)
        {
            var (part, path) = parts[p];
            if (!TechnicalName().IsMatch(part.Name)) { ctx.Error($"{path}.Name", "\"{0}\" is not a valid name: letters and digits, starting with a letter.", part.Name); continue; }
            if (pipeline.Parts.ContainsKey(part.Name)) { ctx.Error($"{path}.Name", "\"{0}\" is a built-in part; choose another name for a part with fields.", part.Name); continue; }
            for (var f = 0; f < part.ContentPartFieldDefinitionRecords.Count; f++)
            {
                var field = part.ContentPartFieldDefinitionRecords[f];
                var fpath = $"{path}.ContentPartFieldDefinitionRecords[{f}]";
                if (!TechnicalName().IsMatch(field.Name)) ctx.Error($"{fpath}.Name", "\"{0}\" is not a valid name: letters and digits, starting with a letter.", field.Name);
                if (!pipeline.Fields.TryGetValue(field.FieldName, out var handler))
                    ctx.Error($"{fpath}.FieldName", "Unknown field kind \"{0}\". Known kinds: {1}.", field.FieldName, string.Join(", ", pipeline.Fields.Keys.Order()));
                else CheckSettings(ctx, field.Settings, field.FieldName + "Settings", handler.SettingsType, $"{fpath}.Settings");
            }
            var existing = document.GetPart(part.Name);
            if (existing is null) document.ContentParts.Add(part);
            else MergePart(existing, part);
        }

        for (var t = 0; t < types.Count; t++)
        {
            var (type, path) = types[t];
            if (!TechnicalName().IsMatch(type.Name)) { ctx.Error($"{path}.Name", "\"{0}\" is not a valid name: letters and digits, starting with a letter.", type.Name); continue; }
            CheckSettings(ctx, type.Settings, "ContentTypeSettings", typeof(ContentTypeSettings), $"{path}.Settings");
            var names = new HashSet<string>();
            for (var k = 0; k < type.ContentTypePartDefinitionRecords.Count; k++)
            {
                var tp = type.ContentTypePartDefinitionRecords[k];
                var ppath = $"{path}.ContentTypePartDefinitionRecords[{k}]";
                if (string.IsNullOrEmpty(tp.Name)) tp.Name = tp.PartName;
                if (!names.Add(tp.Name)) ctx.Error($"{ppath}.Name", "The part name \"{0}\" appears twice on the type.", tp.Name);
                if (pipeline.Parts.TryGetValue(tp.PartName, out var handler))
                {
                    if (handler.SettingsType is { } st) CheckSettings(ctx, tp.Settings, tp.PartName + "Settings", st, $"{ppath}.Settings");
                }
                else if (document.GetPart(tp.PartName) is null)
                {
                    if (tp.PartName == type.Name) document.ContentParts.Add(new ContentPartDefinition { Name = type.Name });
                    else ctx.Error($"{ppath}.PartName", "Unknown part \"{0}\". Built-in parts: {1}; or define it under ContentParts.", tp.PartName, string.Join(", ", pipeline.Parts.Keys.Order()));
                }
            }
            var existing = document.GetType(type.Name);
            if (existing is null) document.ContentTypes.Add(type);
            else MergeType(existing, type);
        }
        if (ctx.Errors.Count > 0) return;

        var before = JsonSerializer.Serialize(current, ContentDefinitionDocument.Json);
        var after = JsonSerializer.Serialize(document, ContentDefinitionDocument.Json);
        if (before == after) return;
        await store.SaveAsync(document);
        ctx.Changed = true;
    }

    private static List<(T Value, string Path)> Read<T>(RecipeStepContext ctx, string property)
    {
        var list = new List<(T, string)>();
        var node = ctx.Step[property];
        if (node is null) return list;
        if (node is not JsonArray array) { ctx.Error(property, "Expected a list."); return list; }
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"{property}[{i}]";
            if (array[i] is not JsonObject o) { ctx.Error(path, "Expected an object."); continue; }
            try
            {
                var value = o.Deserialize<T>(ContentDefinitionDocument.Json);
                if (value is null) ctx.Error(path, "Expected an object.");
                else list.Add((value, path));
            }
            catch (JsonException ex)
            {
                ctx.Error($"{path}{(ex.Path is { Length: > 1 } p ? p[1..] : "")}", "Wrong value: {0}", ex.Message.Split(". Path:")[0]);
            }
        }
        return list;
    }

    private static void CheckSettings(RecipeStepContext ctx, JsonObject settings, string key, Type type, string path)
    {
        if (settings[key] is not { } node) return;
        try { node.Deserialize(type, ContentDefinitionDocument.Json); }
        catch (JsonException ex) { ctx.Error($"{path}.{key}{(ex.Path is { Length: > 1 } p ? p[1..] : "")}", "Wrong value: {0}", ex.Message.Split(". Path:")[0]); }
    }

    private static void MergeType(ContentTypeDefinition existing, ContentTypeDefinition incoming)
    {
        if (!string.IsNullOrEmpty(incoming.DisplayName)) existing.DisplayName = incoming.DisplayName;
        MergeSettings(existing.Settings, incoming.Settings);
        foreach (var part in incoming.ContentTypePartDefinitionRecords)
        {
            var index = existing.ContentTypePartDefinitionRecords.FindIndex(p => p.Name == part.Name);
            if (index < 0) existing.ContentTypePartDefinitionRecords.Add(part);
            else existing.ContentTypePartDefinitionRecords[index] = part;
        }
    }

    private static void MergePart(ContentPartDefinition existing, ContentPartDefinition incoming)
    {
        MergeSettings(existing.Settings, incoming.Settings);
        foreach (var field in incoming.ContentPartFieldDefinitionRecords)
        {
            var index = existing.ContentPartFieldDefinitionRecords.FindIndex(f => f.Name == field.Name);
            if (index < 0) existing.ContentPartFieldDefinitionRecords.Add(field);
            else existing.ContentPartFieldDefinitionRecords[index] = field;
        }
    }

    private static void MergeSettings(JsonObject target, JsonObject incoming)
    {
        foreach (var (key, value) in incoming)
        {
            if (value is JsonObject o && target[key] is JsonObject t) MergeSettings(t, o);
            else target[key] = value?.DeepClone();
        }
    }

    public async Task ExportAsync(RecipeExportContext context)
    {
        var document = await context.Services.GetRequiredService<IContentDefinitionStore>().GetAsync();
        var step = JsonSerializer.SerializeToNode(document, ContentDefinitionDocument.Json)!.AsObject();
        var result = new JsonObject { ["name"] = Name };
        foreach (var (key, value) in step) result[key] = value?.DeepClone();
        context.Steps.Add(result);
    }
}
