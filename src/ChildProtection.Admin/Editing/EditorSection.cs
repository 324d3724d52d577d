using ChildProtection.Core.Parts;

namespace ChildProtection.Admin.Editing;

/// <summary>One fieldset of the generated editor: a part, or the type's own fields.</summary>
public sealed class EditorSection
{
    public required string Title { get; init; }
    public required string PartName { get; init; }
    public List<EditorField> Fields { get; } = [];
}

/// <summary>One input, with where it lives in the item's JSON and what the person typed.</summary>
public sealed class EditorField
{
    public required EditorInput Input { get; init; }
    /// <summary>The part's name on the type.</summary>
    public required string PartName { get; init; }
    /// <summary>Set for fields: the field's name inside the part.</summary>
    public string? FieldName { get; init; }
    /// <summary>JSON path used by validation messages: Part.Property or Part.Field.Property.</summary>
    public string Path => FieldName is null ? $"{PartName}.{Input.Property}" : $"{PartName}.{FieldName}.{Input.Property}";
    public string FormName => Path;
    public string Id => "f_" + Path.Replace('.', '_');
    public string Value { get; set; } = "";
    public List<string> Values { get; set; } = [];
    public List<string> Errors { get; } = [];
    /// <summary>Choices computed for this render (content picker items, terms).</summary>
    public IReadOnlyList<(string Value, string Text)> Options { get; set; } = [];
}
