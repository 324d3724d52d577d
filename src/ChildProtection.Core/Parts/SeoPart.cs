namespace ChildProtection.Core.Parts;

/// <summary>What search engines and link previews show: meta title and description, image, noindex.</summary>
public sealed class SeoPart : ContentPartHandler
{
    public override string PartName => "SeoPart";
    public override string DisplayName => "Search engines";
    public override IReadOnlyCollection<string> KnownProperties { get; } = ["MetaTitle", "MetaDescription", "ImageUrl", "NoIndex"];

    public override Task<IReadOnlyList<EditorInput>> GetEditorInputsAsync(PartContext context) =>
        Task.FromResult<IReadOnlyList<EditorInput>>([
            new EditorInput("MetaTitle", "Meta title", EditorKind.Text) { MaxLength = 200, Hint = "Leave empty to use the title." },
            new EditorInput("MetaDescription", "Meta description", EditorKind.TextArea) { MaxLength = 500 },
            new EditorInput("ImageUrl", "Share image URL", EditorKind.Url) { MaxLength = 1024 },
            new EditorInput("NoIndex", "Hide from search engines (noindex)", EditorKind.Boolean),
        ]);

    public override Task UpdateAsync(PartContext ctx, List<ContentValidationError> errors)
    {
        ReadString(ctx, "MetaTitle", errors, 200);
        ReadString(ctx, "MetaDescription", errors, 500);
        var url = ReadString(ctx, "ImageUrl", errors, 1024);
        if (!string.IsNullOrWhiteSpace(url) && !LinkRules.IsSafeUrl(url))
            errors.Add(new($"{ctx.Path}.ImageUrl", "Enter an address starting with https://, http:// or /."));
        JsonValues.ReadBool(ctx.Part, "NoIndex", $"{ctx.Path}.NoIndex", errors);
        return Task.CompletedTask;
    }
}

public static class LinkRules
{
    /// <summary>Absolute http(s) addresses, site-relative paths, mailto: and tel: — never javascript: or data:.</summary>
    public static bool IsSafeUrl(string url)
    {
        url = url.Trim();
        if (url.StartsWith('/') && !url.StartsWith("//")) return true;
        if (url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("tel:", StringComparison.OrdinalIgnoreCase)) return true;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
    }
}
