using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChildProtection.Core.Recipes;

/// <summary>A recipe in Orchard Core's shape: name, displayName, description, author, version, issetuprecipe, steps[].</summary>
public sealed class RecipeDescriptor
{
    public string Name { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string Description { get; init; } = "";
    public string Author { get; init; } = "";
    public string Version { get; init; } = "";
    public bool IsSetupRecipe { get; init; }
    public JsonArray Steps { get; init; } = [];
    /// <summary>The folder the recipe file lives in (steps such as Media read files beside it).</summary>
    public string? BasePath { get; init; }
    public string? FileName { get; init; }
}

/// <summary>A problem in a recipe, named by step index and JSON path (<c>steps[2].data[0].TitlePart.Title</c>).</summary>
public sealed record RecipeError(int? StepIndex, string JsonPath, string Message, params object[] Args)
{
    public string Format(Func<string, object[], string>? localize = null)
    {
        var text = localize is null
            ? (Args.Length == 0 ? Message : string.Format(System.Globalization.CultureInfo.CurrentCulture, Message, Args))
            : localize(Message, Args);
        return string.IsNullOrEmpty(JsonPath) ? text : $"{JsonPath}: {text}";
    }
}

public static class RecipeReader
{
    public static (RecipeDescriptor? Recipe, List<RecipeError> Errors) Read(string json, string? basePath = null, string? fileName = null)
    {
        var errors = new List<RecipeError>();
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            errors.Add(new RecipeError(null, ex.Path ?? "$", "The file is not valid JSON (line {0}, position {1}).", (ex.LineNumber ?? 0) + 1, (ex.BytePositionInLine ?? 0) + 1));
            return (null, errors);
        }
        if (root is not JsonObject obj)
        {
            errors.Add(new RecipeError(null, "$", "A recipe is a JSON object with a \"steps\" list."));
            return (null, errors);
        }
        string Str(string name) => obj[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";
        if (obj["steps"] is not JsonArray steps)
        {
            errors.Add(new RecipeError(null, "steps", "A recipe needs a \"steps\" list."));
            return (null, errors);
        }
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i] is not JsonObject step || step["name"] is not JsonValue n || n.GetValueKind() != JsonValueKind.String)
                errors.Add(new RecipeError(i, $"steps[{i}].name", "Each step is an object with a \"name\"."));
        }
        if (string.IsNullOrWhiteSpace(Str("name"))) errors.Add(new RecipeError(null, "name", "A recipe needs a \"name\"."));
        var recipe = new RecipeDescriptor
        {
            Name = Str("name"),
            DisplayName = Str("displayName") is { Length: > 0 } d ? d : Str("name"),
            Description = Str("description"),
            Author = Str("author"),
            Version = Str("version"),
            IsSetupRecipe = obj["issetuprecipe"]?.GetValueKind() == JsonValueKind.True,
            Steps = steps,
            BasePath = basePath,
            FileName = fileName,
        };
        return (errors.Count == 0 ? recipe : null, errors);
    }

    public static async Task<(RecipeDescriptor? Recipe, List<RecipeError> Errors)> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path)) return (null, [new RecipeError(null, "", "The recipe file {0} does not exist.", path)]);
        var json = await File.ReadAllTextAsync(path, cancellationToken);
        return Read(json, Path.GetDirectoryName(Path.GetFullPath(path)), Path.GetFileName(path));
    }
}
