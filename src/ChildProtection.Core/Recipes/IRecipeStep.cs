using System.Text.Json.Nodes;

namespace ChildProtection.Core.Recipes;

/// <summary>
/// A recipe step (ContentDefinition, Content, Settings, Roles, Themes …), registered by the module
/// that owns what it changes. Steps run inside one database transaction; a step writing outside the
/// engine's database checks everything in <see cref="ExecuteAsync"/> and defers the write with
/// <see cref="RecipeStepContext.AfterCommit"/>.
/// </summary>
public interface IRecipeStep
{
    string Name { get; }
    /// <summary>Order of this step in an export (definitions before content).</summary>
    int ExportOrder => 100;
    Task ExecuteAsync(RecipeStepContext context);
    Task ExportAsync(RecipeExportContext context) => Task.CompletedTask;
}

public sealed class RecipeStepContext
{
    public required int Index { get; init; }
    public required JsonObject Step { get; init; }
    public required RecipeDescriptor Recipe { get; init; }
    public required IServiceProvider Services { get; init; }
    public string? User { get; init; }
    public List<RecipeError> Errors { get; } = [];
    internal List<Func<Task>> Deferred { get; init; } = [];
    public bool Changed { get; set; }

    public void Error(string path, string message, params object[] args) =>
        Errors.Add(new RecipeError(Index, string.IsNullOrEmpty(path) ? $"steps[{Index}]" : $"steps[{Index}].{path}", message, args));

    /// <summary>
    /// Runs once the recipe's transaction has committed, before the content events of the recipe's items
    /// (so the indexes those events feed find the files and rows written here).
    /// </summary>
    public void AfterCommit(Func<Task> action) => Deferred.Add(action);
}

public sealed class RecipeExportContext
{
    public required IServiceProvider Services { get; init; }
    public JsonArray Steps { get; } = [];

    /// <summary>
    /// The folder beside the exported recipe file where steps write the files their entries refer to (the
    /// command line's <c>recipe export FILE</c>: <c>media/</c> beside FILE), so the export applies to an empty
    /// site as it stands. Null for the admin's download, which is one JSON file: steps whose data are files
    /// then export nothing, and content referring to those files applies only where they already are.
    /// </summary>
    public string? FilesFolder { get; init; }
}
