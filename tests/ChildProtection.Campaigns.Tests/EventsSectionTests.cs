using ChildProtection.Events;

namespace ChildProtection.Campaigns.Tests;

/// <summary>With an event catalog (as the Events module provides), the campaign page and the home page list upcoming events.</summary>
public sealed class EventsSectionTests(EventsSite site) : IClassFixture<EventsSite>
{
    [Fact]
    public async Task Upcoming_events_of_the_campaign_are_on_its_page_and_the_soonest_on_the_home_page()
    {
        var today = CampaignsSite.Today;
        var campaign = await site.CampaignAsync("Diễn đàn trẻ em năm nay", today.AddDays(-2), today.AddDays(60));
        var start = DateTime.UtcNow.AddDays(5).Date.AddHours(1.5);
        var events = site.Factory.Events!;
        events.Add(new EventSummary("ev1", "Diễn đàn trẻ em phường Phú Lợi", "/su-kien/dien-dan-phu-loi", start, start.AddHours(3),
            "forum", "Diễn đàn", "Phường Phú Lợi", "Hội trường UBND phường", false, true, 12), campaign.ContentItemId, "P-PL");
        events.Add(new EventSummary("ev2", "Tập huấn đã hủy", "/su-kien/tap-huan-huy", start.AddDays(1), start.AddDays(1).AddHours(2),
            "training", "Tập huấn", null, null, true, false, null), campaign.ContentItemId);
        events.Add(new EventSummary("ev3", "Sự kiện của chiến dịch khác", "/su-kien/khac", start, start.AddHours(1),
            "talk", "Nói chuyện chuyên đề", null, null, false, false, null), "khac");

        using var visitor = site.Anonymous();
        var page = await visitor.GetStringAsync("/" + campaign.Path);
        Assert.Contains("id=\"su-kien-chien-dich\"", page);
        Assert.Contains("<a class=\"event-title\" href=\"/su-kien/dien-dan-phu-loi\">Diễn đàn trẻ em phường Phú Lợi</a>", page);
        // 01:30 UTC is 08:30 in Vietnam.
        Assert.Contains($">{start.AddHours(7):dd/MM/yyyy} 08:30</time> · Diễn đàn · Phường Phú Lợi · Hội trường UBND phường", page);
        Assert.Contains("Đang nhận đăng ký, còn 12 chỗ", page);
        Assert.Contains("event-item event-cancelled", page);
        Assert.Contains("Đã hủy", page);
        Assert.DoesNotContain("Sự kiện của chiến dịch khác", page);

        var home = await visitor.GetStringAsync("/");
        Assert.Contains("Sự kiện sắp diễn ra", home);
        Assert.Contains("Diễn đàn trẻ em phường Phú Lợi", home);
        Assert.Contains("Sự kiện của chiến dịch khác", home);
    }

    [Fact]
    public async Task Without_upcoming_events_the_section_says_so()
    {
        var today = CampaignsSite.Today;
        var campaign = await site.CampaignAsync("Chiến dịch chưa có sự kiện", today, today.AddDays(5));
        using var visitor = site.Anonymous();
        var page = await visitor.GetStringAsync("/" + campaign.Path);
        Assert.Contains("Chưa có sự kiện sắp diễn ra.", page);
    }
}
