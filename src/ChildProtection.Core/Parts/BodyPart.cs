using ChildProtection.Core.Html;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Core.Parts;

public sealed class BodyPartSettings
{
    /// <summary>"Html" (rich text) or "Markdown".</summary>
    public string Editor { get; set; } = "Html";
}

/// <summary>
/// The main text. HTML is sanitised with the allow-list on every save; Markdown (where the type asks for
/// it) is kept as written and its HTML rendering, sanitised, is stored beside it for display.
/// </summary>
public sealed class BodyPart : ContentPartHandler
{
    public const int MaxLength = 5_000_000;
    public override string PartName => "BodyPart";
    public override string DisplayName => "Body";
    public override Type? SettingsType => typeof(BodyPartSettings);
    public override IReadOnlyCollection<string> KnownProperties { get; } = ["Html", "Markdown"];

    public override Task<IReadOnlyList<EditorInput>> GetEditorInputsAsync(PartContext context)
    {
        var markdown = context.TypePart.GetSettings<BodyPartSettings>().Editor.Equals("Markdown", StringComparison.OrdinalIgnoreCase);
        return Task.FromResult<IReadOnlyList<EditorInput>>(markdown
            ? [new EditorInput("Markdown", "Body (Markdown)", EditorKind.Markdown) { MaxLength = MaxLength }]
            : [new EditorInput("Html", "Body", EditorKind.Html) { MaxLength = MaxLength }]);
    }

    public override Task UpdateAsync(PartContext ctx, List<ContentValidationError> errors)
    {
        var sanitizer = ctx.Services.GetRequiredService<IHtmlSanitizing>();
        var markdown = ReadString(ctx, "Markdown", errors, MaxLength);
        var html = ReadString(ctx, "Html", errors, MaxLength);
        if (markdown is not null)
        {
            ctx.Part["Html"] = sanitizer.MarkdownToHtml(markdown);
        }
        else if (html is not null)
        {
            ctx.Part["Html"] = sanitizer.Sanitize(html);
        }
        return Task.CompletedTask;
    }
}
