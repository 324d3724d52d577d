using ChildProtection.Campaigns.Parts;
using ChildProtection.Campaigns.Public;
using ChildProtection.Campaigns.Reach;
using ChildProtection.Core.Contents;

namespace ChildProtection.Campaigns.Tests;

public sealed class UnitTests
{
    private static CampaignData Period(string start, string end) => CampaignData.From(Item(start, end));

    private static ContentItem Item(string start, string end, string title = "x")
    {
        var item = new ContentItem { ContentItemId = title, ContentType = "Campaign", DisplayText = title };
        item.GetOrCreatePart("CampaignPart")["StartDate"] = start;
        item.GetOrCreatePart("CampaignPart")["EndDate"] = end;
        return item;
    }

    [Theory]
    [InlineData("2024-05-31", CampaignStatus.Upcoming)]
    [InlineData("2024-06-01", CampaignStatus.Running)]
    [InlineData("2024-06-30", CampaignStatus.Running)]
    [InlineData("2024-07-01", CampaignStatus.Ended)]
    public void Status_follows_the_period_first_and_last_day_included(string today, CampaignStatus expected)
    {
        Assert.Equal(expected, Period("2024-06-01", "2024-06-30").StatusOn(DateOnly.Parse(today)));
    }

    [Fact]
    public void Today_is_the_site_calendar_day_not_the_utc_one()
    {
        var vietnam = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        // 17:30 UTC on 31 May is 00:30 on 1 June in Vietnam: Action Month has begun there.
        var utc = new DateTime(2024, 5, 31, 17, 30, 0, DateTimeKind.Utc);
        var today = CampaignCatalog.Today(vietnam, utc);
        Assert.Equal(new DateOnly(2024, 6, 1), today);
        Assert.Equal(CampaignStatus.Running, Period("2024-06-01", "2024-06-30").StatusOn(today));
        Assert.Equal(CampaignStatus.Upcoming, Period("2024-06-01", "2024-06-30").StatusOn(CampaignCatalog.Today(TimeZoneInfo.Utc, utc)));
    }

    [Fact]
    public void The_list_puts_running_first_ending_soonest_then_upcoming_starting_soonest_then_ended_latest_first()
    {
        var today = new DateOnly(2025, 6, 10);
        CampaignEntry E(string title, string start, string end)
        {
            var item = Item(start, end, title);
            var data = CampaignData.From(item);
            return new CampaignEntry(item, data, data.StatusOn(today));
        }
        var ordered = CampaignCatalog.Order(
        [
            E("ended-old", "2023-06-01", "2023-06-30"), E("upcoming-late", "2025-09-01", "2025-09-30"), E("running-long", "2025-01-01", "2030-12-31"),
            E("ended-recent", "2025-01-01", "2025-05-31"), E("running-short", "2025-06-01", "2025-06-30"), E("upcoming-soon", "2025-07-25", "2025-07-25"),
        ]);
        Assert.Equal(["running-short", "running-long", "upcoming-soon", "upcoming-late", "ended-recent", "ended-old"], ordered.Select(e => e.Item.DisplayText));
    }

    [Fact]
    public void Chart_bars_are_relative_to_the_longest_with_vietnamese_numbers()
    {
        var bars = ReachChart.Bars([("Trẻ em", 1200), ("Cha mẹ", 300), ("Giáo viên", 1), ("Người khác", 0)]);
        Assert.Equal([100, 25, 1, 0], bars.Select(b => b.Percent));
        Assert.Equal("1.200", bars[0].ValueText);
        Assert.Contains("width=\"25\"", ReachChart.Svg(25));
        Assert.DoesNotContain("style", ReachChart.Svg(25));
        Assert.All(ReachChart.Bars([("a", 0)]), b => Assert.Equal(0, b.Percent));
    }

    [Fact]
    public void Csv_has_a_bom_and_defuses_formulas()
    {
        var bytes = ReachExport.Csv(["Tên", "Số"], [["=HYPERLINK(\"x\")", 5], ["Phường Phú Lợi, cũ", 7]]);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\")\",5", text);
        Assert.Contains("\"Phường Phú Lợi, cũ\",7", text);
    }
}
