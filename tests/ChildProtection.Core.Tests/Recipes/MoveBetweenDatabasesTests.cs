using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Recipes;
using ChildProtection.Core.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Core.Tests.Recipes;

/// <summary>
/// A site grows from the embedded SQLite file to PostgreSQL by export and apply, in one process (the
/// recipe command line does exactly this).
/// </summary>
public sealed class MoveBetweenDatabasesTests
{
    [PostgresFact]
    public async Task A_site_exported_from_sqlite_applies_to_postgres_with_the_same_types_content_and_settings()
    {
        await using var sqlite = await EngineSite.StartWithTypesAsync<Sqlite>();
        Assert.True((await sqlite.ApplyRecipeAsync(TestRecipes.SmallSite)).Succeeded);
        var article = await sqlite.CreateAsync("Article", "Phòng chống đuối nước", publish: true, parts: """
            { "OfficialDocumentPart": { "NumberAndSymbol": "2869/UBND-LĐTBXH", "IssuedDate": "2024-04-03" } }
            """);
        article.GetOrCreatePart("TitlePart")["Title"] = "Phòng chống đuối nước 2025";
        await sqlite.SaveOkAsync(article);

        await using var postgres = await EngineSite.StartAsync<Postgres>();
        var (recipe, _) = RecipeReader.Read((await sqlite.ExportAsync()).ToJsonString());
        var result = await postgres.Services.GetRequiredService<RecipeExecutor>().ApplyAsync(recipe!);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Format())));
        Assert.Equal(Comparable(await sqlite.ExportAsync()), Comparable(await postgres.ExportAsync()));
        var published = await postgres.ContentAsync(c => c.GetPublishedByPathAsync("tin-tuc/phong-chong-duoi-nuoc"));
        Assert.Equal("Phòng chống đuối nước", published!.DisplayText);
        Assert.Equal("Phòng chống đuối nước 2025", (await postgres.GetAsync(article.ContentItemId, VersionOptions.Latest))!.DisplayText);
        Assert.Equal(ContentStatus.PublishedWithDraft, await postgres.ContentAsync(c => c.GetStatusAsync(article.ContentItemId)));
    }

    /// <summary>The export without its timestamp line, with times to the millisecond (PostgreSQL keeps microseconds, SQLite ticks).</summary>
    private static string Comparable(JsonObject export)
    {
        export.Remove("description");
        foreach (var item in export["steps"]!.AsArray().Where(s => s!["name"]!.GetValue<string>() == "Content").SelectMany(s => s!["data"]!.AsArray()))
            foreach (var key in new[] { "CreatedUtc", "PublishedUtc" })
                if (item![key] is JsonValue value && value.TryGetValue<DateTime>(out var time))
                    item[key] = time.ToString("yyyy-MM-ddTHH:mm:ss.fff");
        return export.ToJsonString();
    }
}
