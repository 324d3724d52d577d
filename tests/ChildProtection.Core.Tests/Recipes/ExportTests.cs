using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Metadata;
using ChildProtection.Core.Recipes;
using ChildProtection.Core.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Core.Tests.Recipes;

public sealed class SqliteExportTests : ExportTests<Sqlite>;

[RequiresPostgres]
public sealed class PostgresExportTests : ExportTests<Postgres>;

/// <summary>Export writes a recipe; applying it to an empty site gives the same site.</summary>
public abstract class ExportTests<TDatabase> : SiteTests<TDatabase> where TDatabase : IDatabaseKind
{
    private async Task BuildSourceSiteAsync()
    {
        Assert.True((await Site.ApplyRecipeAsync(TestRecipes.SmallSite)).Succeeded);
        // Published with a newer draft: both versions must travel.
        var article = await Site.CreateAsync("Article", "Phòng chống đuối nước", publish: true, parts: """
            { "SummaryPart": { "Summary": "Mùa hè an toàn" },
              "BodyPart": { "Html": "<p>Trẻ em &amp; nước: luôn có người lớn.</p>" },
              "OfficialDocumentPart": { "NumberAndSymbol": "2869/UBND-LĐTBXH", "IssuedDate": "2024-04-03", "Recipients": [ "Các trường học" ] },
              "Article": { "Hotline": { "Text": "111" }, "Attendance": { "Value": 120 }, "EventDate": { "Value": "2025-07-25" } } }
            """);
        var draft = (await Site.GetAsync(article.ContentItemId, VersionOptions.Latest))!;
        draft.GetOrCreatePart("TitlePart")["Title"] = "Phòng chống đuối nước mùa hè 2025";
        draft.GetOrCreatePart("RoutePart")["Path"] = "tin-tuc/mua-he-2025";
        await Site.SaveOkAsync(draft);
        await Site.CreateAsync("Guide", "Cẩm nang kỹ năng", parts: """{ "BodyPart": { "Markdown": "**Bơi** an toàn" } }""");
        // In the bin: not part of the site.
        var binned = await Site.CreateAsync("Page", "Trang cũ", publish: true);
        await Site.ContentAsync(c => c.RemoveAsync(binned.ContentItemId, "editor"));
    }

    /// <summary>An export without the line that says when it was made.</summary>
    private static async Task<string> ComparableExportAsync(EngineSite site)
    {
        var export = await site.ExportAsync();
        export.Remove("description");
        return export.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    [ServiceFact]
    public async Task Export_then_apply_into_an_empty_site_gives_the_same_site()
    {
        await BuildSourceSiteAsync();
        var exported = await ComparableExportAsync(Site);
        var (recipe, errors) = RecipeReader.Read((await Site.ExportAsync()).ToJsonString());
        Assert.Empty(errors);

        await using var copy = await EngineSite.StartAsync<TDatabase>();
        var applied = await copy.Services.GetRequiredService<RecipeExecutor>().ApplyAsync(recipe!);

        Assert.True(applied.Succeeded, string.Join("; ", applied.Errors.Select(e => e.Format())));
        Assert.Equal(exported, await ComparableExportAsync(copy));
        Assert.Equal(Json(await Site.DefinitionsAsync()), Json(await copy.DefinitionsAsync()));
        Assert.Equal(Json(await Site.SettingsAsync()), Json(await copy.SettingsAsync()));
        foreach (var item in await AllLatestAsync(Site))
        {
            foreach (var options in new[] { VersionOptions.Latest, VersionOptions.Published })
            {
                var original = await Site.GetAsync(item.ContentItemId, options);
                var copied = await copy.GetAsync(item.ContentItemId, options);
                Assert.Equal(Describe(original), Describe(copied));
            }
        }
        Assert.Null(await copy.ContentAsync(c => c.GetPublishedByPathAsync("trang-cu")));
        Assert.Equal(
            (await Site.ContentAsync(c => c.GetPublishedByPathAsync("tin-tuc/phong-chong-duoi-nuoc")))!.ContentItemId,
            (await copy.ContentAsync(c => c.GetPublishedByPathAsync("tin-tuc/phong-chong-duoi-nuoc")))!.ContentItemId);
    }

    [ServiceFact]
    public async Task Applying_an_export_to_the_site_it_came_from_changes_nothing()
    {
        await BuildSourceSiteAsync();
        var rows = await Site.CountRowsAsync();

        var (recipe, _) = RecipeReader.Read((await Site.ExportAsync()).ToJsonString());
        var result = await Site.Services.GetRequiredService<RecipeExecutor>().ApplyAsync(recipe!);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Format())));
        Assert.Equal(0, result.ChangedSteps);
        Assert.Equal(rows, await Site.CountRowsAsync());
    }

    private static async Task<IReadOnlyList<ContentItem>> AllLatestAsync(EngineSite site)
    {
        var list = new List<ContentItem>();
        foreach (var type in (await site.DefinitionsAsync()).ContentTypes)
            list.AddRange(await site.ContentAsync(c => c.ListLatestOfTypeAsync(type.Name)));
        Assert.True(list.Count >= 4, $"{list.Count} items");
        return list;
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, ContentDefinitionDocument.Json);

    /// <summary>What a reader or editor sees of a version (its row ids and modification time are the target site's own).</summary>
    private static string Describe(ContentItem? item) => item is null ? "none" : JsonSerializer.Serialize(new
    {
        item.ContentItemId, item.ContentType, item.DisplayText, item.Path, item.Latest, item.Published,
        item.Owner, item.Author, item.CreatedUtc, item.PublishedUtc, item.Number, Content = item.Content.ToJsonString(),
    });
}
