namespace ChildProtection.Core.Parts;

/// <summary>The item's title; it becomes the display text shown in lists and used for the slug.</summary>
public sealed class TitlePart : ContentPartHandler
{
    public const int MaxLength = 300;
    public override string PartName => "TitlePart";
    public override string DisplayName => "Title";
    public override IReadOnlyCollection<string> KnownProperties { get; } = ["Title"];

    public override Task<IReadOnlyList<EditorInput>> GetEditorInputsAsync(PartContext context) =>
        Task.FromResult<IReadOnlyList<EditorInput>>([new EditorInput("Title", "Title", EditorKind.Text) { Required = true, MaxLength = MaxLength }]);

    public override Task UpdateAsync(PartContext ctx, List<ContentValidationError> errors)
    {
        var title = ReadString(ctx, "Title", errors, MaxLength)?.Trim();
        if (string.IsNullOrWhiteSpace(title))
        {
            if (!errors.Any(e => e.Path == $"{ctx.Path}.Title")) errors.Add(new($"{ctx.Path}.Title", "A title is required."));
            return Task.CompletedTask;
        }
        // Collapse runs of white space so "  Tin   mới " and "Tin mới" are the same title.
        title = string.Join(' ', title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Normalize(System.Text.NormalizationForm.FormC);
        ctx.Part["Title"] = title;
        ctx.Item.DisplayText = title;
        return Task.CompletedTask;
    }
}
