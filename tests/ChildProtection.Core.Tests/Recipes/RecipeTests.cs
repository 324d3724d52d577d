using ChildProtection.Core.Contents;
using ChildProtection.Core.Recipes;
using ChildProtection.Core.Settings;
using ChildProtection.Core.Tests.Infrastructure;

namespace ChildProtection.Core.Tests.Recipes;

public sealed class SqliteRecipeTests : RecipeTests<Sqlite>;

[RequiresPostgres]
public sealed class PostgresRecipeTests : RecipeTests<Postgres>;

/// <summary>Recipes apply all or nothing, and applying one twice changes nothing the second time.</summary>
public abstract class RecipeTests<TDatabase> : SiteTests<TDatabase> where TDatabase : IDatabaseKind
{
    private const string HomeId = "home0000000000000000000001";

    [ServiceFact]
    public async Task Applying_a_recipe_twice_changes_nothing_the_second_time()
    {
        var first = await Site.ApplyRecipeAsync(TestRecipes.SmallSite);
        Assert.True(first.Succeeded, string.Join("; ", first.Errors.Select(e => e.Format())));
        Assert.Equal(3, first.ChangedSteps);
        var rowsBefore = await Site.CountRowsAsync();
        var home = await Site.RowsAsync(HomeId);
        var events = Site.Events.All.Count;

        var second = await Site.ApplyRecipeAsync(TestRecipes.SmallSite);

        Assert.True(second.Succeeded);
        Assert.Equal(0, second.ChangedSteps);
        Assert.Equal(rowsBefore, await Site.CountRowsAsync());
        Assert.Equal(home.Select(r => (r.ContentItemVersionId, r.ModifiedUtc)), (await Site.RowsAsync(HomeId)).Select(r => (r.ContentItemVersionId, r.ModifiedUtc)));
        Assert.Equal(events, Site.Events.All.Count);
    }

    [ServiceFact]
    public async Task A_recipe_sets_up_types_content_and_settings()
    {
        var result = await Site.ApplyRecipeAsync(TestRecipes.SmallSite);

        Assert.True(result.Succeeded);
        Assert.NotNull((await Site.DefinitionsAsync()).GetType("Event"));
        var home = await Site.GetAsync(HomeId, VersionOptions.Published);
        Assert.Equal("Trang chủ", home!.DisplayText);
        Assert.Equal("trang-chu", home.Path);
        var events = await Site.ContentAsync(c => c.ListLatestOfTypeAsync("Event"));
        Assert.Equal("su-kien/dien-dan-tre-em-phuong-2025", Assert.Single(events).Path);
        Assert.False(events[0].Published);
        var settings = await Site.SettingsAsync();
        Assert.Equal(("Bảo vệ trẻ em thành phố", 12, HomeId), (settings.SiteName, settings.PageSize, settings.HomeContentItemId));
        Assert.Equal("Asia/Ho_Chi_Minh", settings.TimeZone); // not named: the default stays
    }

    [ServiceTheory]
    // Unknown step.
    [InlineData("""{ "name": "Roles2", "Roles": [] }""", "steps[3].name", "Roles2")]
    // Unknown part in a type definition.
    [InlineData("""{ "name": "ContentDefinition", "ContentTypes": [ { "Name": "Poster", "ContentTypePartDefinitionRecords": [ { "PartName": "TitlePart" }, { "PartName": "PosterPart" } ] } ] }""",
        "steps[3].ContentTypes[0].ContentTypePartDefinitionRecords[1].PartName", "PosterPart")]
    // Unknown part on a content item.
    [InlineData("""{ "name": "Content", "data": [ { "ContentType": "Page", "TitlePart": { "Title": "Trang" }, "PosterPart": { } } ] }""",
        "steps[3].data[0].PosterPart", "")]
    // Wrong value in a content item (after a valid item in the same step).
    [InlineData("""{ "name": "Content", "data": [ { "ContentType": "Page", "TitlePart": { "Title": "Hợp lệ" } }, { "ContentType": "Article", "TitlePart": { "Title": "Bài" }, "OfficialDocumentPart": { "NumberAndSymbol": "số bậy" } } ] }""",
        "steps[3].data[1].OfficialDocumentPart.NumberAndSymbol", "")]
    // Wrong value in settings.
    [InlineData("""{ "name": "Settings", "PageSize": "nhiều" }""", "steps[3].PageSize", "PageSize")]
    [InlineData("""{ "name": "Settings", "TimeZone": "Sao Hỏa/Thủ đô" }""", "steps[3].TimeZone", "Sao Hỏa")]
    [InlineData("""{ "name": "Settings", "Colour": "đỏ" }""", "steps[3].Colour", "Colour")]
    // Wrong value in a type's settings.
    [InlineData("""{ "name": "ContentDefinition", "ContentTypes": [ { "Name": "Poster", "Settings": { "ContentTypeSettings": { "Listable": [] } } } ] }""",
        "steps[3].ContentTypes[0].Settings.ContentTypeSettings.Listable", "")]
    public async Task A_bad_step_refuses_the_whole_recipe_naming_the_step_and_path(string badStep, string path, string mentioned)
    {
        var steps = TestRecipes.SmallSite.Replace("\"name\": \"small-site\"", "\"name\": \"bad\"");
        var at = steps.LastIndexOf(']');
        var recipe = steps[..at].TrimEnd() + ",\n" + badStep + "\n" + steps[at..];
        var rowsBefore = await Site.CountRowsAsync();

        var result = await Site.ApplyRecipeAsync(recipe);

        Assert.False(result.Succeeded);
        Assert.Equal(0, result.ChangedSteps);
        var error = Assert.Single(result.Errors, e => e.JsonPath == path);
        Assert.Equal(3, error.StepIndex);
        Assert.StartsWith(path + ": ", error.Format());
        Assert.Contains(mentioned, error.Format());
        // Nothing of the recipe was applied, not even the valid steps before the bad one.
        Assert.Null((await Site.DefinitionsAsync()).GetType("Event"));
        Assert.Null((await Site.DefinitionsAsync()).GetType("Poster"));
        Assert.Equal(rowsBefore, await Site.CountRowsAsync());
        Assert.Null(await Site.GetAsync(HomeId, VersionOptions.Latest));
        Assert.Null(await Site.ContentAsync(c => c.GetPublishedByPathAsync("trang-chu")));
        var settings = await Site.SettingsAsync();
        Assert.Equal(new SiteSettings().SiteName, settings.SiteName);
        Assert.Null(settings.HomeContentItemId);
        Assert.DoesNotContain(Site.Events.All, e => e.ContentItemId == HomeId); // no module heard of rolled-back items

        // And the site is usable afterwards: the good recipe still applies in full.
        var good = await Site.ApplyRecipeAsync(TestRecipes.SmallSite);
        Assert.True(good.Succeeded, string.Join("; ", good.Errors.Select(e => e.Format())));
        Assert.Equal(3, good.ChangedSteps);
    }

    [ServiceFact]
    public async Task A_home_page_that_does_not_exist_is_refused()
    {
        var result = await Site.ApplyRecipeAsync("""{ "name": "x", "steps": [ { "name": "Settings", "HomeContentItemId": "nosuchitem" } ] }""");
        Assert.Equal("steps[0].HomeContentItemId", Assert.Single(result.Errors).JsonPath);
    }

    [ServiceFact]
    public async Task Items_with_the_same_title_in_one_recipe_get_different_addresses_every_time()
    {
        const string recipe = """
            { "name": "twins", "steps": [ { "name": "Content", "data": [
              { "ContentType": "Page", "Published": true, "TitlePart": { "Title": "Hỏi đáp" } },
              { "ContentType": "Page", "Published": true, "TitlePart": { "Title": "Hỏi  đáp" } } ] } ] }
            """;

        Assert.Equal(1, (await Site.ApplyRecipeAsync(recipe)).ChangedSteps);
        var again = await Site.ApplyRecipeAsync(recipe);

        Assert.True(again.Succeeded, string.Join("; ", again.Errors.Select(e => e.Format())));
        Assert.Equal(0, again.ChangedSteps);
        var pages = await Site.ContentAsync(c => c.ListLatestOfTypeAsync("Page"));
        Assert.Equal(["hoi-dap", "hoi-dap-2"], pages.Select(p => p.Path).Order());
    }
}
