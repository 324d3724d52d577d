using ChildProtection.Core.Parts;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Media.Content;

public sealed class MediaPartSettings
{
    public bool Required { get; set; }
}

/// <summary>
/// One image for an item (a featured image, a cover): <c>mediaId</c>, an optional alt text and caption
/// for this use, and the display data templates read (<c>Url</c>, <c>SrcSet</c>, <c>Alt</c>, <c>Width</c> …).
/// An image is refused without alt text, here or in the library.
/// </summary>
public sealed class MediaPart : ContentPartHandler
{
    public const string IdProperty = "mediaId";

    public override string PartName => "MediaPart";
    public override string DisplayName => "Image";
    public override string Description => "One image from the media library (a featured image or a cover), with its alt text.";
    public override Type? SettingsType => typeof(MediaPartSettings);
    public override IReadOnlyCollection<string> KnownProperties { get; } = [IdProperty, "AltText", "CaptionText", .. MediaDisplay.Properties];

    public override Task<IReadOnlyList<EditorInput>> GetEditorInputsAsync(PartContext context)
    {
        var settings = context.TypePart.GetSettings<MediaPartSettings>();
        return Task.FromResult<IReadOnlyList<EditorInput>>([
            new EditorInput(IdProperty, "Image", EditorKind.Text) { Required = settings.Required, MaxLength = 26, Hint = "Choose an image from the media library." },
            new EditorInput("AltText", "Alt text for this use", EditorKind.Text) { MaxLength = 1000, Hint = "Leave empty to use the alt text from the media library." },
            new EditorInput("CaptionText", "Caption for this use", EditorKind.Text) { MaxLength = 1000 },
        ]);
    }

    public override async Task UpdateAsync(PartContext ctx, List<ContentValidationError> errors)
    {
        var settings = ctx.TypePart.GetSettings<MediaPartSettings>();
        var id = ReadString(ctx, IdProperty, errors, 100)?.Trim();
        var alt = ReadString(ctx, "AltText", errors, 1000);
        var caption = ReadString(ctx, "CaptionText", errors, 1000);
        foreach (var p in MediaDisplay.Properties) ctx.Part.Remove(p);
        var path = $"{ctx.Path}.{IdProperty}";
        if (string.IsNullOrEmpty(id))
        {
            ctx.Part.Remove(IdProperty);
            if (settings.Required) errors.Add(new(path, "Choose an image."));
            return;
        }
        ctx.Part[IdProperty] = id;
        var found = await ctx.Services.GetRequiredService<MediaLookup>().FindAsync([id]);
        if (!found.TryGetValue(id, out var file))
        {
            errors.Add(new(path, "The file \"{0}\" is not in the media library.", id));
            return;
        }
        if (!file.IsImage)
        {
            errors.Add(new(path, "{0} is not an image; only images can be chosen here.", file.OriginalName));
            return;
        }
        if (string.IsNullOrWhiteSpace(alt) && string.IsNullOrWhiteSpace(file.AltText))
        {
            errors.Add(new($"{ctx.Path}.AltText", "The image {0} has no alt text. Describe it here or in the media library.", file.OriginalName));
            return;
        }
        foreach (var (key, value) in MediaDisplay.For(file, alt, caption)) ctx.Part[key] = value?.DeepClone();
    }
}
