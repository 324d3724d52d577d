using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Parts;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Core.Fields;

public sealed class ContentPickerFieldSettings : FieldSettings
{
    public bool Multiple { get; set; } = true;
    public string[] DisplayedContentTypes { get; set; } = [];
}

/// <summary>References to other items by id; each must exist (and be of an allowed type).</summary>
public sealed class ContentPickerField : IContentFieldHandler
{
    public string FieldName => "ContentPickerField";
    public string DisplayName => "Content picker";
    public Type SettingsType => typeof(ContentPickerFieldSettings);
    public IReadOnlyCollection<string> KnownProperties { get; } = ["ContentItemIds"];

    public Task<IReadOnlyList<EditorInput>> GetEditorInputsAsync(FieldContext c)
    {
        var s = c.Field.GetSettings<ContentPickerFieldSettings>();
        return Task.FromResult<IReadOnlyList<EditorInput>>([new EditorInput("ContentItemIds", c.Field.DisplayName, EditorKind.ContentPicker)
        {
            Required = s.Required, Multiple = s.Multiple, PickableTypes = s.DisplayedContentTypes, Hint = s.Hint,
        }]);
    }

    public async Task UpdateAsync(FieldContext c, List<ContentValidationError> errors)
    {
        var s = c.Field.GetSettings<ContentPickerFieldSettings>();
        var path = $"{c.Path}.ContentItemIds";
        var ids = (JsonValues.ReadStringArray(c.Value, "ContentItemIds", path, errors) ?? []).Where(i => i.Length > 0).Distinct().ToList();
        if (s.Required && ids.Count == 0) errors.Add(new(path, "{0} is required.", c.Field.DisplayName));
        if (!s.Multiple && ids.Count > 1) errors.Add(new(path, "Choose only one item."));
        var contents = c.Services.GetRequiredService<IContentManager>();
        foreach (var id in ids)
        {
            var item = await contents.GetAsync(id, VersionOptions.Latest);
            if (item is null) errors.Add(new(path, "The item \"{0}\" does not exist.", id));
            else if (s.DisplayedContentTypes.Length > 0 && !s.DisplayedContentTypes.Contains(item.ContentType))
                errors.Add(new(path, "Items of type {0} cannot be chosen here.", item.ContentType));
        }
        c.Value["ContentItemIds"] = new JsonArray(ids.Select(i => (JsonNode)JsonValue.Create(i)!).ToArray());
    }
}
