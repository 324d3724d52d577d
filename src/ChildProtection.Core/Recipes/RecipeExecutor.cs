using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Core.Recipes;

public sealed class RecipeResult
{
    public bool Succeeded => Errors.Count == 0;
    public List<RecipeError> Errors { get; init; } = [];
    /// <summary>How many steps changed something; 0 when the recipe had already been applied.</summary>
    public int ChangedSteps { get; init; }
}

/// <summary>
/// Applies a recipe all or nothing: unknown steps are refused before anything runs, then every step
/// runs inside one transaction that is rolled back at the first error.
/// </summary>
public sealed class RecipeExecutor(IServiceScopeFactory scopes, ILogger<RecipeExecutor> logger)
{
    public async Task<RecipeResult> ApplyAsync(RecipeDescriptor recipe, string? user = null, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var steps = services.GetServices<IRecipeStep>().ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);
        var errors = new List<RecipeError>();
        for (var i = 0; i < recipe.Steps.Count; i++)
        {
            var name = (recipe.Steps[i] as JsonObject)?["name"]?.GetValueKind() == JsonValueKind.String ? recipe.Steps[i]!["name"]!.GetValue<string>() : null;
            if (name is null) errors.Add(new RecipeError(i, $"steps[{i}].name", "Each step is an object with a \"name\"."));
            else if (!steps.ContainsKey(name)) errors.Add(new RecipeError(i, $"steps[{i}].name", "Unknown step \"{0}\". Known steps: {1}.", name, string.Join(", ", steps.Keys.Order())));
        }
        if (errors.Count > 0) return new RecipeResult { Errors = errors };

        var unitOfWork = services.GetRequiredService<ContentUnitOfWork>();
        var deferred = new List<Func<Task>>();
        var changed = 0;
        await unitOfWork.BeginAsync(cancellationToken);
        try
        {
            for (var i = 0; i < recipe.Steps.Count; i++)
            {
                var stepJson = (JsonObject)recipe.Steps[i]!;
                var step = steps[stepJson["name"]!.GetValue<string>()];
                var context = new RecipeStepContext { Index = i, Step = stepJson, Recipe = recipe, Services = services, User = user, Deferred = deferred };
                await step.ExecuteAsync(context);
                if (context.Errors.Count > 0)
                {
                    errors.AddRange(context.Errors);
                    break;
                }
                if (context.Changed) changed++;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Recipe {Recipe} failed", recipe.Name);
            errors.Add(new RecipeError(null, "", "The recipe could not be applied: {0}", ex.GetBaseException().Message));
        }

        if (errors.Count > 0)
        {
            await unitOfWork.RollbackAsync();
            return new RecipeResult { Errors = errors };
        }
        // The steps' own writes (files of the Media step, …) before the content events: the library index
        // reads a resource's cover from the media library when it hears of the publication.
        await unitOfWork.CommitAsync(deferred, cancellationToken);
        logger.LogInformation("Recipe {Recipe} applied; {Changed} step(s) changed something", recipe.Name, changed);
        return new RecipeResult { ChangedSteps = changed };
    }

    /// <summary>The whole site as a recipe: types, content, settings, roles, themes (and, with <paramref name="filesFolder"/>, media files).</summary>
    public async Task<JsonObject> ExportAsync(string name = "export", CancellationToken cancellationToken = default, string? filesFolder = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = new RecipeExportContext { Services = scope.ServiceProvider, FilesFolder = filesFolder };
        foreach (var step in scope.ServiceProvider.GetServices<IRecipeStep>().OrderBy(s => s.ExportOrder))
            await step.ExportAsync(context);
        return new JsonObject
        {
            ["name"] = name,
            ["displayName"] = "Site export",
            ["description"] = $"Exported {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC",
            ["author"] = "ChildProtection",
            ["version"] = "1.0.0",
            ["issetuprecipe"] = false,
            ["steps"] = context.Steps,
        };
    }
}
