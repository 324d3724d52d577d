using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Metadata;
using ChildProtection.Core.Parts;

namespace ChildProtection.Core.Fields;

/// <summary>A field kind (TextField, DateField …): its editor inputs and its checks. Fields let an administrator extend a type without code.</summary>
public interface IContentFieldHandler
{
    string FieldName { get; }
    string DisplayName { get; }
    IReadOnlyCollection<string> KnownProperties { get; }
    /// <summary>The class its settings (<c>{FieldName}Settings</c>) deserialise into.</summary>
    Type SettingsType => typeof(FieldSettings);
    Task<IReadOnlyList<EditorInput>> GetEditorInputsAsync(FieldContext context);
    Task UpdateAsync(FieldContext context, List<ContentValidationError> errors);
}

public sealed class FieldContext
{
    public required ContentItem Item { get; init; }
    public required ContentPartFieldDefinition Field { get; init; }
    public required JsonObject Value { get; init; }
    public required string Path { get; init; }
    public required IServiceProvider Services { get; init; }
}

/// <summary>Settings every field kind understands.</summary>
public class FieldSettings
{
    public bool Required { get; set; }
    public string? Hint { get; set; }
}
