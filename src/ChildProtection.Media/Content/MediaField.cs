using System.Text.Json.Nodes;
using ChildProtection.Core.Fields;
using ChildProtection.Core.Parts;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Media.Content;

public sealed class MediaFieldSettings : FieldSettings
{
    public bool Multiple { get; set; } = true;
    /// <summary>Only images may be chosen (a gallery); otherwise any file of the library (documents to download).</summary>
    public bool ImagesOnly { get; set; }
}

/// <summary>
/// Files of the media library chosen for an item: stores <c>mediaIds</c> (the usage convention) and,
/// for templates, <c>Files</c> with each file's display data. An image without alt text cannot be chosen.
/// </summary>
public sealed class MediaField : IContentFieldHandler
{
    public const string IdsProperty = "mediaIds";

    public string FieldName => "MediaField";
    public string DisplayName => "Media";
    public Type SettingsType => typeof(MediaFieldSettings);
    public IReadOnlyCollection<string> KnownProperties { get; } = [IdsProperty, "Files"];

    public Task<IReadOnlyList<EditorInput>> GetEditorInputsAsync(FieldContext c)
    {
        var s = c.Field.GetSettings<MediaFieldSettings>();
        // One id per line: the admin's media picker (media-picker.js) fills it from the library.
        return Task.FromResult<IReadOnlyList<EditorInput>>([new EditorInput(IdsProperty, c.Field.DisplayName, EditorKind.Lines)
        {
            Required = s.Required, Multiple = s.Multiple, Hint = s.Hint ?? "Choose files from the media library.",
        }]);
    }

    public async Task UpdateAsync(FieldContext c, List<ContentValidationError> errors)
    {
        var s = c.Field.GetSettings<MediaFieldSettings>();
        var path = $"{c.Path}.{IdsProperty}";
        var ids = (JsonValues.ReadStringArray(c.Value, IdsProperty, path, errors) ?? [])
            .Select(i => i.Trim()).Where(i => i.Length > 0).Distinct().ToList();
        if (s.Required && ids.Count == 0) errors.Add(new(path, "{0} is required.", c.Field.DisplayName));
        if (!s.Multiple && ids.Count > 1) errors.Add(new(path, "Choose only one file."));
        var found = await c.Services.GetRequiredService<MediaLookup>().FindAsync(ids);
        var files = new JsonArray();
        foreach (var id in ids)
        {
            if (!found.TryGetValue(id, out var file))
            {
                errors.Add(new(path, "The file \"{0}\" is not in the media library.", id));
                continue;
            }
            if (s.ImagesOnly && !file.IsImage) errors.Add(new(path, "{0} is not an image; only images can be chosen here.", file.OriginalName));
            else if (file.IsImage && string.IsNullOrWhiteSpace(file.AltText))
                errors.Add(new(path, "The image {0} has no alt text. Describe it in the media library before using it.", file.OriginalName));
            var display = MediaDisplay.For(file);
            display["mediaId"] = file.Id;
            files.Add(display);
        }
        c.Value[IdsProperty] = new JsonArray(ids.Select(i => (JsonNode)JsonValue.Create(i)!).ToArray());
        c.Value["Files"] = files;
    }
}
