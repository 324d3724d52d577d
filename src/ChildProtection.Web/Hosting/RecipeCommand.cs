using System.Text.Json;
using ChildProtection.Core.Recipes;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// <c>ChildProtection.Web recipe apply FILE</c> and <c>recipe export FILE</c>: run against the configured
/// database, then exit (0 on success, 1 on a refused recipe, 2 on wrong usage).
/// </summary>
public static class RecipeCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 3 || args[1] is not ("apply" or "export"))
        {
            Console.Error.WriteLine("Usage: ChildProtection.Web recipe apply FILE | recipe export FILE");
            return 2;
        }
        var file = Path.GetFullPath(args[2]);
        // Disposed at the end: modules flush and release what they hold (the search index's write lock).
        await using var app = SiteHost.Build(args[3..]);
        await SitePreparation.PrepareAsync(app.Services, CancellationToken.None);
        var executor = app.Services.GetRequiredService<RecipeExecutor>();

        if (args[1] == "export")
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
            Directory.CreateDirectory(folder);
            // The media files go beside the recipe (its Media step's default folder), so the export applies elsewhere.
            var json = await executor.ExportAsync(Path.GetFileNameWithoutExtension(file).Replace(".recipe", ""), filesFolder: Path.Combine(folder, "media"));
            await File.WriteAllTextAsync(file, json.ToJsonString(new JsonSerializerOptions
            {
                WriteIndented = true,
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }));
            Console.WriteLine($"Exported {json["steps"]!.AsArray().Count} steps to {file}");
            return 0;
        }

        var (recipe, errors) = await RecipeReader.ReadFileAsync(file);
        if (recipe is null)
        {
            foreach (var e in errors) Console.Error.WriteLine(e.Format());
            return 1;
        }
        var result = await executor.ApplyAsync(recipe, "recipe-cli");
        if (!result.Succeeded)
        {
            Console.Error.WriteLine($"Recipe '{recipe.Name}' refused; nothing was applied:");
            foreach (var e in result.Errors) Console.Error.WriteLine("  " + e.Format());
            return 1;
        }
        Console.WriteLine(result.ChangedSteps == 0
            ? $"Recipe '{recipe.Name}' was already applied; nothing changed."
            : $"Recipe '{recipe.Name}' applied; {result.ChangedSteps} step(s) changed the site.");
        return 0;
    }
}
