using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Tests.Infrastructure;

namespace ChildProtection.Core.Tests.Parts;

public sealed class SqliteHtmlFieldTests : HtmlFieldTests<Sqlite>;

[RequiresPostgres]
public sealed class PostgresHtmlFieldTests : HtmlFieldTests<Postgres>;

/// <summary>
/// A rich-text field (HtmlField, edited with the admin's WYSIWYG editor) is sanitised on the way in like
/// the body: what a browser posts is never trusted, whatever the editor cleaned on its side.
/// </summary>
public abstract class HtmlFieldTests<TDatabase> : SiteTests<TDatabase> where TDatabase : IDatabaseKind
{
    private const string Types = """
        {
          "name": "html-field",
          "steps": [
            {
              "name": "ContentDefinition",
              "ContentParts": [
                {
                  "Name": "Leaflet",
                  "ContentPartFieldDefinitionRecords": [
                    { "FieldName": "HtmlField", "Name": "Note", "Settings": { "ContentPartFieldSettings": { "DisplayName": "Ghi chú" }, "HtmlFieldSettings": { "Required": true } } }
                  ]
                }
              ],
              "ContentTypes": [
                {
                  "Name": "Leaflet",
                  "DisplayName": "Tờ rơi",
                  "ContentTypePartDefinitionRecords": [
                    { "PartName": "TitlePart", "Name": "TitlePart" },
                    { "PartName": "Leaflet", "Name": "Leaflet" }
                  ]
                }
              ]
            }
          ]
        }
        """;

    private async Task<ContentResult> SaveLeafletAsync(string noteHtml)
    {
        var applied = await Site.ApplyRecipeAsync(Types);
        Assert.True(applied.Succeeded, string.Join("; ", applied.Errors.Select(e => e.Format())));
        var item = await Site.NewAsync("Leaflet");
        item.Content = new JsonObject
        {
            ["TitlePart"] = new JsonObject { ["Title"] = "Tờ rơi phòng chống đuối nước" },
            ["Leaflet"] = new JsonObject { ["Note"] = new JsonObject { ["Html"] = noteHtml } },
        };
        return await Site.SaveAsync(item);
    }

    [ServiceFact]
    public async Task A_rich_text_field_is_sanitised_and_keeps_the_editors_formatting()
    {
        const string html = """
            <p class="MsoNormal" style="color:red" onclick="steal()">Gọi <strong>111</strong>, <em>miễn phí</em>, <u>24/7</u>.</p>
            <script>alert('xss')</script>
            <h2 onmouseover="x()">Khi nào gọi</h2>
            <ul><li>Trẻ bị bạo lực</li></ul>
            <blockquote>Không im lặng.</blockquote>
            <a href="javascript:alert(1)">bấm vào đây</a>
            <a href="https://treem.gov.vn/duong-day-nong">Đường dây nóng</a>
            <iframe src="https://evil.example"></iframe>
            """;

        var result = await SaveLeafletAsync(html);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Format())));
        var stored = (await Site.GetAsync(result.Item!.ContentItemId, VersionOptions.Latest))!
            .Part("Leaflet")!["Note"]!["Html"]!.GetValue<string>();
        foreach (var bad in new[] { "<script", "alert(", "onclick", "onmouseover", "javascript:", "<iframe", "style=" })
            Assert.DoesNotContain(bad, stored, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Gọi <strong>111</strong>, <em>miễn phí</em>, <u>24/7</u>.", stored);
        Assert.Contains("<h2>Khi nào gọi</h2>", stored);
        Assert.Contains("<ul><li>Trẻ bị bạo lực</li></ul>", stored);
        Assert.Contains("<blockquote>Không im lặng.</blockquote>", stored);
        Assert.Contains("bấm vào đây", stored);
        Assert.Contains("href=\"https://treem.gov.vn/duong-day-nong\"", stored);
        Assert.Contains("rel=\"noopener noreferrer\"", stored);
    }

    [ServiceFact]
    public async Task A_required_rich_text_field_holding_only_script_is_refused()
    {
        var result = await SaveLeafletAsync("<script>alert(1)</script>");
        Assert.False(result.Succeeded);
        Assert.Equal("Leaflet.Note.Html", Assert.Single(result.Errors).Path);
    }
}
