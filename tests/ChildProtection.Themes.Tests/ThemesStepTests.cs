using ChildProtection.Core;
using ChildProtection.Core.Data;
using ChildProtection.Core.Modules;
using ChildProtection.Core.Recipes;
using ChildProtection.Core.Settings;
using ChildProtection.Themes.Catalog;
using ChildProtection.Themes.Recipes;
using ChildProtection.Themes.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Themes.Tests;

/// <summary>The Themes step through the real recipe executor on a migrated SQLite database.</summary>
public sealed class ThemesStepTests : IAsyncLifetime
{
    private readonly TempDirectory folder = new("cp-themes-step");
    private readonly ThemeFolder themes = new();
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        themes.AddTheme("ChildProtection").AddTheme("Summer");
        var collection = new ServiceCollection();
        collection.AddLogging();
        var paths = new AppPaths(folder.Combine("App_Data"), folder.Path);
        collection.AddContentEngine(paths, new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={paths.Combine("site.db")}" }, folder.Combine("recipes"));
        collection.AddSingleton(themes.Catalog);
        collection.AddSingleton<IRecipeStep, ThemesStep>();
        services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        foreach (var db in services.GetServices<IModuleDatabase>()) await db.MigrateAsync(services, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        themes.Dispose();
        folder.Dispose();
    }

    private Task<RecipeResult> ApplyAsync(string steps)
    {
        var (recipe, errors) = RecipeReader.Read($$"""{ "name": "t", "steps": [ {{steps}} ] }""");
        Assert.True(recipe is not null, string.Join("; ", errors.Select(e => e.Format())));
        return services.GetRequiredService<RecipeExecutor>().ApplyAsync(recipe!);
    }

    private async Task<SiteSettings> SettingsAsync()
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISiteSettingsService>().GetAsync();
    }

    [Fact]
    public async Task An_unknown_theme_is_refused_with_its_json_path_and_nothing_changes()
    {
        var result = await ApplyAsync("""{ "name": "Settings", "SiteName": "Tên mới" }, { "name": "Themes", "Site": "Nowhere", "Admin": "" }""");

        var error = Assert.Single(result.Errors);
        Assert.Equal("steps[1].Site", error.JsonPath);
        Assert.Contains("Nowhere", error.Format());
        Assert.Contains("Summer", error.Format());
        var settings = await SettingsAsync();
        Assert.Equal(ThemeCatalog.DefaultTheme, settings.Theme);
        Assert.NotEqual("Tên mới", settings.SiteName);
    }

    [Theory]
    [InlineData("""{ "name": "Themes", "Site": 3 }""", "steps[0].Site")]
    [InlineData("""{ "name": "Themes", "Site": "../Summer" }""", "steps[0].Site")]
    [InlineData("""{ "name": "Themes", "Site": "Summer", "Admin": "TheAdmin" }""", "steps[0].Admin")]
    public async Task Wrong_values_are_refused(string step, string path)
    {
        var result = await ApplyAsync(step);
        Assert.Contains(result.Errors, e => e.JsonPath == path);
        Assert.Equal(ThemeCatalog.DefaultTheme, (await SettingsAsync()).Theme);
    }

    [Fact]
    public async Task Setting_the_theme_is_idempotent_and_exported()
    {
        const string step = """{ "name": "Themes", "Site": "Summer", "Admin": "" }""";

        var first = await ApplyAsync(step);
        Assert.True(first.Succeeded);
        Assert.Equal(1, first.ChangedSteps);
        Assert.Equal("Summer", (await SettingsAsync()).Theme);

        var second = await ApplyAsync(step);
        Assert.True(second.Succeeded);
        Assert.Equal(0, second.ChangedSteps);

        var export = await services.GetRequiredService<RecipeExecutor>().ExportAsync();
        var exported = export["steps"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "Themes")!;
        Assert.Equal("Summer", exported["Site"]!.GetValue<string>());
        Assert.Equal("", exported["Admin"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_step_without_a_site_theme_changes_nothing()
    {
        var result = await ApplyAsync("""{ "name": "Themes", "Admin": "" }""");
        Assert.True(result.Succeeded);
        Assert.Equal(0, result.ChangedSteps);
    }
}
