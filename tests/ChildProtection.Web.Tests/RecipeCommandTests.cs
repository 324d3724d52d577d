using System.Text.Json.Nodes;
using ChildProtection.Testing;
using ChildProtection.Web.Hosting;
using Xunit;

namespace ChildProtection.Web.Tests;

/// <summary>The site's executable as a command: <c>recipe apply FILE</c> and <c>recipe export FILE</c>.</summary>
public sealed class RecipeCommandTests
{
    private static string Recipes => Core.Modules.ProjectLayout.FindFolder("recipes", AppContext.BaseDirectory);

    [Fact]
    public async Task Apply_export_and_apply_again_into_an_empty_site_give_the_same_site()
    {
        using var first = new TempFolder("cp-cli");
        using var second = new TempFolder("cp-cli");
        var setup = Path.Combine(Recipes, "childprotection.recipe.json");

        Assert.Equal(0, await RecipeCommand.RunAsync(["recipe", "apply", setup, $"--App:DataPath={first.Path}", "--Jobs:RunServer=false"]));
        // Applying twice changes nothing the second time.
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        try { Assert.Equal(0, await RecipeCommand.RunAsync(["recipe", "apply", setup, $"--App:DataPath={first.Path}", "--Jobs:RunServer=false"])); }
        finally { Console.SetOut(previous); }
        Assert.Contains("nothing changed", output.ToString());

        var export = first.Combine("site.recipe.json");
        Assert.Equal(0, await RecipeCommand.RunAsync(["recipe", "export", export, $"--App:DataPath={first.Path}", "--Jobs:RunServer=false"]));
        Assert.Equal(0, await RecipeCommand.RunAsync(["recipe", "apply", export, $"--App:DataPath={second.Path}", "--Jobs:RunServer=false"]));
        var reexport = second.Combine("site.recipe.json");
        Assert.Equal(0, await RecipeCommand.RunAsync(["recipe", "export", reexport, $"--App:DataPath={second.Path}", "--Jobs:RunServer=false"]));

        Assert.Equal(Normalise(await File.ReadAllTextAsync(export)), Normalise(await File.ReadAllTextAsync(reexport)));
    }

    [Fact]
    public async Task A_bad_recipe_exits_with_1_names_the_step_and_path_and_applies_nothing()
    {
        using var folder = new TempFolder("cp-cli");
        var bad = folder.Combine("bad.recipe.json");
        await File.WriteAllTextAsync(bad, """
        { "name": "bad", "steps": [
            { "name": "ContentDefinition", "ContentTypes": [ { "Name": "Leaflet", "DisplayName": "Tờ rơi", "ContentTypePartDefinitionRecords": [ { "PartName": "TitlePart" } ] } ] },
            { "name": "Content", "data": [ { "ContentType": "Leaflet", "TitlePart": { "Title": 42 } } ] }
        ] }
        """);
        var errors = new StringWriter();
        var previous = Console.Error;
        Console.SetError(errors);
        int code;
        try { code = await RecipeCommand.RunAsync(["recipe", "apply", bad, $"--App:DataPath={folder.Path}", "--Jobs:RunServer=false"]); }
        finally { Console.SetError(previous); }
        Assert.Equal(1, code);
        Assert.Contains("steps[1].data[0].TitlePart.Title", errors.ToString());

        var export = folder.Combine("after.recipe.json");
        Assert.Equal(0, await RecipeCommand.RunAsync(["recipe", "export", export, $"--App:DataPath={folder.Path}", "--Jobs:RunServer=false"]));
        Assert.DoesNotContain("Leaflet", await File.ReadAllTextAsync(export));
    }

    /// <summary>Exports differ only in their description line (the export time).</summary>
    private static string Normalise(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node.Remove("description");
        return node.ToJsonString();
    }
}
