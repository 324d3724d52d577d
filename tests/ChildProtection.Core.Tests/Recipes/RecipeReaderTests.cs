using ChildProtection.Core.Recipes;

namespace ChildProtection.Core.Tests.Recipes;

/// <summary>Reading a recipe file: what is not a recipe is refused before anything runs.</summary>
public sealed class RecipeReaderTests
{
    [Fact]
    public void Bad_json_is_refused_with_its_line_and_position()
    {
        var (recipe, errors) = RecipeReader.Read("{\n  \"name\": \"hỏng\",\n  \"steps\": [ { \"name\": \"Content\" } ,, ]\n}");

        Assert.Null(recipe);
        var message = Assert.Single(errors).Format();
        Assert.Contains("line 3", message);
        Assert.Matches(@"position \d+", message);
    }

    [Theory]
    [InlineData("""{ "steps": [] }""", "name")]
    [InlineData("""{ "name": "x" }""", "steps")]
    [InlineData("""{ "name": "x", "steps": {} }""", "steps")]
    [InlineData("""{ "name": "x", "steps": [ { "data": [] } ] }""", "steps[0].name")]
    [InlineData("""{ "name": "x", "steps": [ "Content" ] }""", "steps[0].name")]
    [InlineData("""[ "steps" ]""", "$")]
    public void A_document_without_the_recipe_shape_is_refused(string json, string path)
    {
        var (recipe, errors) = RecipeReader.Read(json);
        Assert.Null(recipe);
        Assert.Contains(errors, e => e.JsonPath == path);
    }

    [Fact]
    public void Orchard_header_fields_are_read_and_comments_and_trailing_commas_tolerated()
    {
        var (recipe, errors) = RecipeReader.Read("""
            {
              // Orchard Core's recipe header
              "name": "childprotection", "displayName": "Bảo vệ trẻ em", "description": "d", "author": "a",
              "version": "1.0.0", "issetuprecipe": true,
              "steps": [ { "name": "Settings", "SiteName": "x" }, ],
            }
            """);

        Assert.Empty(errors);
        Assert.Equal(("childprotection", "Bảo vệ trẻ em", "1.0.0", true, 1), (recipe!.Name, recipe.DisplayName, recipe.Version, recipe.IsSetupRecipe, recipe.Steps.Count));
    }
}
