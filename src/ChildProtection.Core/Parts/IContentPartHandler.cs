using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Metadata;

namespace ChildProtection.Core.Parts;

/// <summary>
/// What a part is in code: its editor, its validation and what it does to the item before it is stored
/// (sanitising, slugging, setting the display text). Registered by the module that owns the part.
/// </summary>
public interface IContentPartHandler
{
    string PartName { get; }
    /// <summary>English resource key shown in the type editor.</summary>
    string DisplayName { get; }
    string Description { get; }

    /// <summary>Property names this part stores; anything else in the part's JSON is refused.</summary>
    IReadOnlyCollection<string> KnownProperties { get; }

    /// <summary>The class its settings (<c>{PartName}Settings</c>) deserialise into, checked when a type is defined.</summary>
    Type? SettingsType => null;

    Task<IReadOnlyList<EditorInput>> GetEditorInputsAsync(PartContext context);

    /// <summary>Checks and normalises the part's JSON in place; reports problems by path.</summary>
    Task UpdateAsync(PartContext context, List<ContentValidationError> errors);
}

public sealed class PartContext
{
    public required ContentItem Item { get; init; }
    public required ContentTypeDefinition Type { get; init; }
    public required ContentTypePartDefinition TypePart { get; init; }
    public required JsonObject Part { get; init; }
    public required IServiceProvider Services { get; init; }
    public string Path => TypePart.Name;
}

/// <summary>Helpers for reading and checking part JSON without throwing on a wrong value kind.</summary>
public abstract class ContentPartHandler : IContentPartHandler
{
    public abstract string PartName { get; }
    public abstract string DisplayName { get; }
    public virtual string Description => "";
    public abstract IReadOnlyCollection<string> KnownProperties { get; }
    public virtual Type? SettingsType => null;
    public abstract Task<IReadOnlyList<EditorInput>> GetEditorInputsAsync(PartContext context);
    public abstract Task UpdateAsync(PartContext context, List<ContentValidationError> errors);

    protected static string? ReadString(PartContext ctx, string property, List<ContentValidationError> errors, int maxLength = 100_000)
        => JsonValues.ReadString(ctx.Part, property, $"{ctx.Path}.{property}", errors, maxLength);
}
