using ChildProtection.Core.Metadata;
using ChildProtection.Core.Parts;
using ChildProtection.Core.Tests.Infrastructure;

namespace ChildProtection.Core.Tests.Engine;

public sealed class SqliteDefinitionTests : DefinitionTests<Sqlite>;

[RequiresPostgres]
public sealed class PostgresDefinitionTests : DefinitionTests<Postgres>;

/// <summary>Content types are data: defined by recipes, merged, ordered by position, with typed settings.</summary>
public abstract class DefinitionTests<TDatabase> : SiteTests<TDatabase> where TDatabase : IDatabaseKind
{
    [ServiceFact]
    public async Task Parts_and_fields_come_in_position_order_whatever_the_declaration_order()
    {
        var definitions = await Site.DefinitionsAsync();
        var article = definitions.GetType("Article")!;

        Assert.Equal(["TitlePart", "RoutePart", "SummaryPart", "BodyPart", "OfficialDocumentPart", "Article"], article.Parts.Select(p => p.Name));
        Assert.Equal(["Hotline", "Attendance", "EventDate"], definitions.GetPart("Article")!.Fields.Select(f => f.Name));
        Assert.Equal("Ngày tổ chức", definitions.GetPart("Article")!.Fields.Last().DisplayName);
    }

    [ServiceFact]
    public async Task Type_and_part_settings_are_read_as_typed_settings()
    {
        var definitions = await Site.DefinitionsAsync();
        var article = definitions.GetType("article")!; // names are found case-insensitively

        Assert.Equal("Bài viết", article.DisplayName);
        Assert.True(article.TypeSettings.Securable);
        Assert.Equal("tin-tuc", article.FindPart("RoutePart")!.GetSettings<RoutePartSettings>().Prefix);
        var banner = definitions.GetType("Banner")!.TypeSettings;
        Assert.False(banner.Draftable);
        Assert.True(banner.Versionable);
        Assert.False(definitions.GetType("Memo")!.TypeSettings.Versionable);
        Assert.True(banner.Creatable); // not named by the recipe: the default
        var page = definitions.GetType("Page")!.TypeSettings;
        Assert.True(page.Draftable && page.Versionable && page.Listable && !page.Securable);
    }

    [ServiceFact]
    public async Task A_second_definition_merges_settings_key_by_key_and_parts_by_name()
    {
        var result = await Site.ApplyRecipeAsync("""
        {
          "name": "merge",
          "steps": [
            {
              "name": "ContentDefinition",
              "ContentParts": [
                { "Name": "Article", "ContentPartFieldDefinitionRecords": [
                  { "FieldName": "BooleanField", "Name": "Featured", "Settings": { "ContentPartFieldSettings": { "Position": "1" } } } ] }
              ],
              "ContentTypes": [
                {
                  "Name": "Article",
                  "Settings": { "ContentTypeSettings": { "Listable": false } },
                  "ContentTypePartDefinitionRecords": [
                    { "PartName": "SeoPart", "Name": "SeoPart", "Settings": { "ContentTypePartSettings": { "Position": "1" } } },
                    { "PartName": "RoutePart", "Name": "RoutePart", "Settings": { "ContentTypePartSettings": { "Position": "9" }, "RoutePartSettings": { "Prefix": "bai-viet" } } }
                  ]
                }
              ]
            }
          ]
        }
        """);

        Assert.True(result.Succeeded);
        Assert.Equal(1, result.ChangedSteps);
        var definitions = await Site.DefinitionsAsync();
        var article = definitions.GetType("Article")!;
        Assert.Equal("Bài viết", article.DisplayName); // not named: kept
        Assert.False(article.TypeSettings.Listable);
        Assert.True(article.TypeSettings.Securable); // other keys of the same settings object survive
        Assert.Equal(["TitlePart", "SeoPart", "SummaryPart", "BodyPart", "OfficialDocumentPart", "Article", "RoutePart"], article.Parts.Select(p => p.Name));
        Assert.Equal("bai-viet", article.FindPart("RoutePart")!.GetSettings<RoutePartSettings>().Prefix);
        // Position ties keep declaration order: Hotline (0), Attendance (1), Featured (1, added later), EventDate (2).
        Assert.Equal(["Hotline", "Attendance", "Featured", "EventDate"], definitions.GetPart("Article")!.Fields.Select(f => f.Name));
        Assert.Equal(["Article", "Page", "Guide", "Banner", "Memo"], definitions.ContentTypes.Select(t => t.Name)); // others untouched
        Assert.Single(definitions.GetType("Page")!.ContentTypePartDefinitionRecords, p => p.PartName == "RoutePart");
    }

    [ServiceFact]
    public async Task Reapplying_the_same_definition_changes_nothing()
    {
        var before = await Site.DefinitionsAsync();
        var result = await Site.ApplyRecipeAsync(TestRecipes.Types);

        Assert.True(result.Succeeded);
        Assert.Equal(0, result.ChangedSteps);
        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(before, ContentDefinitionDocument.Json),
            System.Text.Json.JsonSerializer.Serialize(await Site.DefinitionsAsync(), ContentDefinitionDocument.Json));
    }

    [ServiceTheory]
    [InlineData("""{ "Name": "Bad Name", "ContentTypePartDefinitionRecords": [] }""", "steps[0].ContentTypes[0].Name")]
    [InlineData("""{ "Name": "Poster", "ContentTypePartDefinitionRecords": [ { "PartName": "PosterPart" } ] }""", "steps[0].ContentTypes[0].ContentTypePartDefinitionRecords[0].PartName")]
    [InlineData("""{ "Name": "Poster", "ContentTypePartDefinitionRecords": [ { "PartName": "TitlePart" }, { "PartName": "TitlePart" } ] }""", "steps[0].ContentTypes[0].ContentTypePartDefinitionRecords[1].Name")]
    [InlineData("""{ "Name": "Poster", "Settings": { "ContentTypeSettings": { "Draftable": "maybe" } } }""", "steps[0].ContentTypes[0].Settings.ContentTypeSettings.Draftable")]
    [InlineData("""{ "Name": "Poster", "ContentTypePartDefinitionRecords": [ { "PartName": "RoutePart", "Settings": { "RoutePartSettings": { "AllowCustomPath": 3 } } } ] }""", "steps[0].ContentTypes[0].ContentTypePartDefinitionRecords[0].Settings.RoutePartSettings.AllowCustomPath")]
    public async Task A_wrong_type_definition_is_refused_by_path_and_not_stored(string type, string expectedPath)
    {
        var result = await Site.ApplyRecipeAsync($$"""{ "name": "bad", "steps": [ { "name": "ContentDefinition", "ContentTypes": [ {{type}} ] } ] }""");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.JsonPath == expectedPath && e.StepIndex == 0);
        Assert.Null((await Site.DefinitionsAsync()).GetType("Poster"));
    }

    [ServiceFact]
    public async Task An_unknown_field_kind_is_refused()
    {
        var result = await Site.ApplyRecipeAsync("""
        { "name": "bad", "steps": [ { "name": "ContentDefinition", "ContentParts": [
          { "Name": "Poster", "ContentPartFieldDefinitionRecords": [ { "FieldName": "ColourField", "Name": "Colour" } ] } ] } ] }
        """);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Equal("steps[0].ContentParts[0].ContentPartFieldDefinitionRecords[0].FieldName", error.JsonPath);
        Assert.Contains("ColourField", error.Format());
        Assert.Null((await Site.DefinitionsAsync()).GetPart("Poster"));
    }

    [ServiceFact]
    public async Task A_type_that_is_not_draftable_publishes_on_every_save()
    {
        var banner = await Site.CreateAsync("Banner", "Tháng hành động vì trẻ em");
        Assert.True(banner.Published);
        var page = await Site.CreateAsync("Page", "Giới thiệu");
        Assert.False(page.Published);

        banner.GetOrCreatePart("TitlePart")["Title"] = "Tháng hành động vì trẻ em 2025";
        await Site.SaveOkAsync(banner);

        var rows = await Site.RowsAsync(banner.ContentItemId);
        Assert.Equal(2, rows.Count);
        Assert.Single(rows, r => r.Latest && r.Published && r.DisplayText == "Tháng hành động vì trẻ em 2025");
    }

    [ServiceFact]
    public async Task A_type_that_is_not_versionable_rewrites_its_draft_but_never_the_published_version()
    {
        var memo = await Site.CreateAsync("Memo", "Lịch họp");
        memo.GetOrCreatePart("TitlePart")["Title"] = "Lịch họp tuần 2";
        await Site.SaveOkAsync(memo);
        var rows = await Site.RowsAsync(memo.ContentItemId);
        var only = Assert.Single(rows);
        Assert.Equal("Lịch họp tuần 2", only.DisplayText);

        await Site.SaveOkAsync(memo, publish: true);
        memo.GetOrCreatePart("TitlePart")["Title"] = "Lịch họp tuần 3";
        await Site.SaveOkAsync(memo);
        memo.GetOrCreatePart("TitlePart")["Title"] = "Lịch họp tuần 4";
        await Site.SaveOkAsync(memo);

        rows = await Site.RowsAsync(memo.ContentItemId);
        Assert.Equal(2, rows.Count);
        Assert.Single(rows, r => r.Published && !r.Latest && r.DisplayText == "Lịch họp tuần 2");
        Assert.Single(rows, r => r.Latest && !r.Published && r.DisplayText == "Lịch họp tuần 4");
    }
}
