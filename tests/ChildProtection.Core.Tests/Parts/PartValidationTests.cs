using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Tests.Infrastructure;

namespace ChildProtection.Core.Tests.Parts;

public sealed class SqlitePartValidationTests : PartValidationTests<Sqlite>;

[RequiresPostgres]
public sealed class PostgresPartValidationTests : PartValidationTests<Postgres>;

/// <summary>Parts and fields check and normalise what they store; a refused item writes nothing.</summary>
public abstract class PartValidationTests<TDatabase> : SiteTests<TDatabase> where TDatabase : IDatabaseKind
{
    /// <summary>Saves an Article made of <paramref name="parts"/> (a JSON object) and returns the result.</summary>
    private async Task<ContentResult> SaveArticleAsync(string parts, bool publish = false)
    {
        var item = await Site.NewAsync("Article");
        item.Content = JsonNode.Parse(parts)!.AsObject();
        return await Site.SaveAsync(item, publish);
    }

    private async Task<string[]> RefusedAsync(string parts)
    {
        var result = await SaveArticleAsync(parts);
        Assert.False(result.Succeeded, "the item should have been refused");
        Assert.Equal(0, await Site.CountRowsAsync());
        return result.Errors.Select(e => e.Path).ToArray();
    }

    [ServiceTheory]
    [InlineData("""{ }""")]
    [InlineData("""{ "TitlePart": { } }""")]
    [InlineData("""{ "TitlePart": { "Title": "" } }""")]
    [InlineData("""{ "TitlePart": { "Title": "   \t\n " } }""")]
    public async Task A_title_is_required_and_white_space_is_no_title(string parts) =>
        Assert.Equal(["TitlePart.Title"], await RefusedAsync(parts));

    [ServiceFact]
    public async Task A_title_of_the_wrong_kind_or_too_long_is_refused()
    {
        Assert.Equal(["TitlePart.Title"], await RefusedAsync("""{ "TitlePart": { "Title": 42 } }"""));
        Assert.Equal(["TitlePart.Title"], await RefusedAsync($$"""{ "TitlePart": { "Title": "{{new string('a', 301)}}" } }"""));
        Assert.Equal(["TitlePart"], await RefusedAsync("""{ "TitlePart": "Tiêu đề" }"""));
    }

    [ServiceFact]
    public async Task A_title_is_trimmed_collapsed_and_becomes_the_display_text()
    {
        var result = await SaveArticleAsync("""{ "TitlePart": { "Title": "  Tin   mới\t về  trẻ em " } }""");
        Assert.Equal("Tin mới về trẻ em", result.Item!.DisplayText);
        Assert.Equal("Tin mới về trẻ em", result.Item.Part("TitlePart")!["Title"]!.GetValue<string>());

        // Decomposed input (one combining mark per accent) is stored composed, so lists and searches match.
        var decomposed = await SaveArticleAsync(new JsonObject
        {
            ["TitlePart"] = new JsonObject { ["Title"] = "Phòng chống đuối nước".Normalize(System.Text.NormalizationForm.FormD) },
        }.ToJsonString());
        Assert.Equal("Phòng chống đuối nước", decomposed.Item!.DisplayText);
        Assert.Equal("tin-tuc/phong-chong-duoi-nuoc", decomposed.Item.Path);
    }

    [ServiceFact]
    public async Task The_body_is_sanitised_but_keeps_vietnamese_text_and_escaped_characters()
    {
        const string html = """
            <p onclick="steal()">Trẻ em &amp; gia đình: 3 &lt; 5 — "an toàn" là trên hết.</p>
            <script>alert('xss')</script>
            <img src="/media/poster.png" alt="Áp phích" onerror="alert(1)">
            <a href="javascript:alert(1)">bấm vào đây</a>
            <a href="https://example.org/cam-nang">Cẩm nang</a>
            <iframe src="https://evil.example"></iframe>
            <p style="position:fixed">Đường dây nóng 111</p>
            """;

        var result = await SaveArticleAsync(new JsonObject
        {
            ["TitlePart"] = new JsonObject { ["Title"] = "Bài có HTML" },
            ["BodyPart"] = new JsonObject { ["Html"] = html },
        }.ToJsonString());

        Assert.True(result.Succeeded);
        var stored = (await Site.GetAsync(result.Item!.ContentItemId, VersionOptions.Latest))!.Part("BodyPart")!["Html"]!.GetValue<string>();
        foreach (var bad in new[] { "<script", "alert(", "onerror", "onclick", "javascript:", "<iframe", "style=" })
            Assert.DoesNotContain(bad, stored, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Trẻ em &amp; gia đình: 3 &lt; 5 — \"an toàn\" là trên hết.", stored);
        Assert.Contains("<img src=\"/media/poster.png\" alt=\"Áp phích\">", stored);
        Assert.Contains("bấm vào đây", stored); // the text of a refused link stays
        Assert.Contains("href=\"https://example.org/cam-nang\"", stored);
        Assert.Contains("rel=\"noopener noreferrer\"", stored);
        Assert.Contains("Đường dây nóng 111", stored);
    }

    [ServiceFact]
    public async Task A_markdown_body_is_kept_as_written_and_rendered_to_safe_html()
    {
        var item = await Site.NewAsync("Guide");
        item.Content = JsonNode.Parse("""
            { "TitlePart": { "Title": "Cẩm nang" },
              "BodyPart": { "Markdown": "## Kỹ năng bơi\n\n**Không** tắm sông một mình & luôn có người lớn.\n\n<script>alert(1)</script>\n\n[xem](javascript:alert(1))" } }
            """)!.AsObject();

        var saved = await Site.SaveOkAsync(item);

        var body = saved.Part("BodyPart")!;
        Assert.StartsWith("## Kỹ năng bơi", body["Markdown"]!.GetValue<string>());
        var html = body["Html"]!.GetValue<string>();
        Assert.Contains("<h2", html);
        Assert.Contains("<strong>Không</strong> tắm sông một mình &amp; luôn có người lớn.", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("javascript:", html);
    }

    [ServiceTheory]
    [InlineData("2869/UBND-LĐTBXH")]
    [InlineData("30/2020/NĐ-CP")]
    [InlineData("123/QĐ-UBND")]
    [InlineData(" 05/KH-UBND.VX ")]
    public async Task Official_document_numbers_in_the_decree_30_form_are_accepted(string number)
    {
        var result = await SaveArticleAsync(new JsonObject
        {
            ["TitlePart"] = new JsonObject { ["Title"] = "Công văn" },
            ["OfficialDocumentPart"] = new JsonObject { ["NumberAndSymbol"] = number },
        }.ToJsonString());

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Format())));
        Assert.Equal(number.Trim(), result.Item!.Part("OfficialDocumentPart")!["NumberAndSymbol"]!.GetValue<string>());
    }

    [ServiceTheory]
    [InlineData("abc")]
    [InlineData("2869 UBND-LĐTBXH")]
    [InlineData("/UBND")]
    [InlineData("2869/")]
    [InlineData("2869/UBND LĐTBXH")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("2869/20245/UBND")]
    public async Task Garbage_official_document_numbers_are_refused(string number) =>
        Assert.Equal(["OfficialDocumentPart.NumberAndSymbol"], await RefusedAsync(new JsonObject
        {
            ["TitlePart"] = new JsonObject { ["Title"] = "Công văn" },
            ["OfficialDocumentPart"] = new JsonObject { ["NumberAndSymbol"] = number },
        }.ToJsonString()));

    [ServiceFact]
    public async Task An_official_document_is_kept_as_data()
    {
        var result = await SaveArticleAsync("""
            { "TitlePart": { "Title": "Triển khai Tháng hành động vì trẻ em" },
              "OfficialDocumentPart": {
                "Issuer": " UBND thành phố ", "NumberAndSymbol": "2869/UBND-LĐTBXH", "DocumentType": "Công văn",
                "IssuedDate": "2024-04-03T00:00:00", "IssuedPlace": "Thành phố", "Summary": "V/v triển khai Tháng hành động vì trẻ em năm 2024",
                "SignerTitle": "KT. CHỦ TỊCH — PHÓ CHỦ TỊCH", "SignerName": "Nguyễn Văn A",
                "Recipients": [ " Phòng Văn hóa và Thông tin ", "", "Các trường học" ] } }
            """);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Format())));
        var part = result.Item!.Part("OfficialDocumentPart")!;
        Assert.Equal("UBND thành phố", part["Issuer"]!.GetValue<string>());
        Assert.Equal("2024-04-03", part["IssuedDate"]!.GetValue<string>());
        Assert.Equal(["Phòng Văn hóa và Thông tin", "Các trường học"], part["Recipients"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [ServiceTheory]
    [InlineData("""{ "DocumentType": "Thư tình" }""", "OfficialDocumentPart.DocumentType")]
    [InlineData("""{ "IssuedDate": "03/04/2024 không rõ" }""", "OfficialDocumentPart.IssuedDate")]
    [InlineData("""{ "Recipients": "Các trường học" }""", "OfficialDocumentPart.Recipients")]
    [InlineData("""{ "Recipients": [ 1 ] }""", "OfficialDocumentPart.Recipients[0]")]
    [InlineData("""{ "Signature": "x" }""", "OfficialDocumentPart.Signature")]
    public async Task Wrong_official_document_values_are_refused_by_path(string part, string path) =>
        Assert.Equal([path], await RefusedAsync($$"""{ "TitlePart": { "Title": "Công văn" }, "OfficialDocumentPart": {{part}} }"""));

    [ServiceTheory]
    [InlineData("""{ "TitlePart": { "Title": "x" }, "PosterPart": { } }""", "PosterPart")]
    [InlineData("""{ "TitlePart": { "Title": "x", "Subtitle": "y" } }""", "TitlePart.Subtitle")]
    [InlineData("""{ "TitlePart": { "Title": "x" }, "Article": { "Colour": { "Text": "đỏ" } } }""", "Article.Colour")]
    [InlineData("""{ "TitlePart": { "Title": "x" }, "Article": { "Hotline": { "Text": "111", "Value": 1 } } }""", "Article.Hotline.Value")]
    public async Task Unknown_parts_fields_and_properties_are_refused(string parts, string path) =>
        Assert.Equal([path], await RefusedAsync(parts));

    [ServiceTheory]
    [InlineData("""{ "Hotline": { "Text": "đường dây nóng miễn phí 111" } }""", "Article.Hotline.Text")]
    [InlineData("""{ "Attendance": { "Value": "nhiều" } }""", "Article.Attendance.Value")]
    [InlineData("""{ "Attendance": { "Value": -5 } }""", "Article.Attendance.Value")]
    [InlineData("""{ "EventDate": { "Value": "không biết" } }""", "Article.EventDate.Value")]
    [InlineData("""{ "EventDate": 20240601 }""", "Article.EventDate")]
    public async Task Wrong_field_values_are_refused_by_path(string fields, string path) =>
        Assert.Equal([path], await RefusedAsync($$"""{ "TitlePart": { "Title": "Diễn đàn" }, "Article": {{fields}} }"""));

    [ServiceFact]
    public async Task Field_values_are_normalised()
    {
        var result = await SaveArticleAsync("""
            { "TitlePart": { "Title": "Diễn đàn trẻ em" },
              "Article": { "Hotline": { "Text": "111" }, "Attendance": { "Value": "250" }, "EventDate": { "Value": "2025-06-01T08:30:00" } } }
            """);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Format())));
        var fields = result.Item!.Part("Article")!;
        Assert.Equal(250m, fields["Attendance"]!["Value"]!.GetValue<decimal>());
        Assert.Equal("2025-06-01", fields["EventDate"]!["Value"]!.GetValue<string>());
    }

    [ServiceFact]
    public async Task An_item_of_an_unknown_type_is_refused()
    {
        var item = new ContentItem { ContentType = "Poster" };
        item.GetOrCreatePart("TitlePart")["Title"] = "x";
        var result = await Site.SaveAsync(item);
        Assert.Equal("ContentType", Assert.Single(result.Errors).Path);
        Assert.Equal(0, await Site.CountRowsAsync());
    }
}
