namespace ChildProtection.Core.Parts;

public enum EditorKind { Text, TextArea, Html, Markdown, Number, Boolean, Date, DateTime, Url, Select, MultiSelect, ContentPicker, Terms, Lines }

/// <summary>
/// One input of the editor the admin generates for a part or field. <see cref="Property"/> is the JSON
/// property inside the part (or field) object; Label and Hint are English resource keys.
/// </summary>
public sealed record EditorInput(string Property, string Label, EditorKind Kind)
{
    public bool Required { get; init; }
    public int? MaxLength { get; init; }
    public string? Hint { get; init; }
    /// <summary>Choices for Select/MultiSelect/Terms as (value, text).</summary>
    public IReadOnlyList<(string Value, string Text)> Options { get; init; } = [];
    /// <summary>For ContentPicker: the types that may be picked (empty: any).</summary>
    public IReadOnlyList<string> PickableTypes { get; init; } = [];
    public bool Multiple { get; init; }
}

/// <summary>A message about one value, named by its JSON path inside the item (<c>TitlePart.Title</c>).</summary>
public sealed record ContentValidationError(string Path, string Message, params object[] Args)
{
    public string Format() => Args.Length == 0 ? Message : string.Format(System.Globalization.CultureInfo.CurrentCulture, Message, Args);
}
