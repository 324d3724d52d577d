namespace ChildProtection.Core.Parts;

/// <summary>The lead paragraph: plain text shown in lists, feeds and meta descriptions.</summary>
public sealed class SummaryPart : ContentPartHandler
{
    public const int MaxLength = 2000;
    public override string PartName => "SummaryPart";
    public override string DisplayName => "Summary";
    public override IReadOnlyCollection<string> KnownProperties { get; } = ["Summary"];

    public override Task<IReadOnlyList<EditorInput>> GetEditorInputsAsync(PartContext context) =>
        Task.FromResult<IReadOnlyList<EditorInput>>([new EditorInput("Summary", "Summary", EditorKind.TextArea) { MaxLength = MaxLength }]);

    public override Task UpdateAsync(PartContext ctx, List<ContentValidationError> errors)
    {
        var summary = ReadString(ctx, "Summary", errors, MaxLength);
        if (summary is not null) ctx.Part["Summary"] = summary.Trim().Normalize(System.Text.NormalizationForm.FormC);
        return Task.CompletedTask;
    }
}
