using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Themes.Liquid;
using ChildProtection.Themes.Tests.Infrastructure;

namespace ChildProtection.Themes.Tests;

public sealed class VietnameseDateTests
{
    private static readonly TimeZoneInfo Saigon = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    [Theory]
    // 05:44 UTC is 12:44 in Ho Chi Minh City (UTC+7).
    [InlineData("2024-04-04T05:44:00Z", "04/04/2024", "04/04/2024 12:44")]
    // Late evening UTC is already the next day in Vietnam.
    [InlineData("2024-04-03T18:30:00Z", "04/04/2024", "04/04/2024 01:30")]
    [InlineData("2024-12-31T17:00:00+00:00", "01/01/2025", "01/01/2025 00:00")]
    // A calendar day (a document's date of issue) is never shifted.
    [InlineData("2024-04-03", "03/04/2024", "03/04/2024")]
    public void Strings_are_formatted_in_the_site_time_zone(string value, string date, string dateTime)
    {
        Assert.Equal(date, VietnameseDateFilters.Format(value, Saigon, VietnameseDateFilters.DatePattern));
        Assert.Equal(dateTime, VietnameseDateFilters.Format(value, Saigon, VietnameseDateFilters.DateTimePattern));
    }

    [Fact]
    public void Utc_instants_are_converted()
    {
        var utc = new DateTime(2024, 4, 4, 5, 44, 0, DateTimeKind.Utc);
        Assert.Equal("04/04/2024 12:44", VietnameseDateFilters.Format(utc, Saigon, VietnameseDateFilters.DateTimePattern));
        Assert.Equal("04/04/2024 12:44", VietnameseDateFilters.Format(new DateTimeOffset(utc), Saigon, VietnameseDateFilters.DateTimePattern));
        Assert.Null(VietnameseDateFilters.Format("không phải ngày", Saigon, VietnameseDateFilters.DatePattern));
    }

    [Fact]
    public async Task Filters_work_in_templates_on_item_dates_and_json_strings()
    {
        using var themes = new ThemeFolder();
        themes.AddTheme("T").Write("T", "Content.liquid",
            "{{ Model.PublishedUtc | vn_date }}|{{ Model.PublishedUtc | vn_datetime }}|{{ Model.Content.EventPart.StartUtc | vn_datetime }}|{{ Model.Content.OfficialDocumentPart.IssuedDate | vn_date }}|{{ Model.Missing | vn_date }}");
        var item = new ContentItem
        {
            ContentType = "Article",
            PublishedUtc = new DateTime(2024, 4, 4, 5, 44, 0, DateTimeKind.Utc),
            Content = JsonNode.Parse("""{ "EventPart": { "StartUtc": "2024-06-01T01:30:00Z" }, "OfficialDocumentPart": { "IssuedDate": "2024-04-03" } }""")!.AsObject(),
        };

        var html = await themes.Renderer.RenderContentAsync(themes.Scope("T"), item, "Detail");

        Assert.Equal("04/04/2024|04/04/2024 12:44|01/06/2024 08:30|03/04/2024|", html);
    }
}
