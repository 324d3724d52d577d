using System.Net;
using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Events.Tests;

/// <summary>iCalendar: one UID for an event's life, SEQUENCE raised by changes, STATUS:CANCELLED, times in the site's zone; feeds for all, a ward, a campaign.</summary>
public sealed class CalendarTests(EventsSite site) : IClassFixture<EventsSite>
{
    [Fact]
    public async Task An_events_ics_keeps_its_uid_raises_its_sequence_on_change_and_says_cancelled()
    {
        var item = await site.EventAsync("Tập huấn kỹ năng làm cha mẹ", EventsSite.Local(33, 8), EventsSite.Local(33, 11), capacity: 40);
        using var client = site.Anonymous();
        var response = await client.Http.GetAsync($"/{item.Path}/lich.ics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.ToString());
        var first = Ical.Net.Calendar.Load(await response.Content.ReadAsStringAsync())!;
        var e1 = Assert.Single(first.Events);
        Assert.Equal($"{item.ContentItemId}@su-kien.baovetreem", e1.Uid);
        Assert.Equal(0, e1.Sequence);
        Assert.Equal("CONFIRMED", e1.Status);
        Assert.Equal("Asia/Ho_Chi_Minh", e1.DtStart!.TzId);
        Assert.Equal(EventsSite.Local(33, 8), e1.DtStart.Value);
        Assert.Equal(EventsSite.Local(33, 1), e1.DtStart.AsUtc);
        Assert.Contains(first.TimeZones, z => z.TzId == "Asia/Ho_Chi_Minh");
        Assert.Contains("Khai mạc", e1.Description);
        Assert.Equal("Tập huấn kỹ năng làm cha mẹ", e1.Summary);

        // Saving without a change a calendar shows keeps the SEQUENCE; a new time raises it; cancelling raises it again.
        await ChangeAsync(item.ContentItemId, part => part["Report"] = null);
        Assert.Equal(0, (await ReadAsync(client, item.Path!)).Sequence);
        await ChangeAsync(item.ContentItemId, part => part["StartUtc"] = EventsSite.Local(33, 9).ToString("yyyy-MM-ddTHH:mm"));
        var moved = await ReadAsync(client, item.Path!);
        Assert.Equal(1, moved.Sequence);
        Assert.Equal(EventsSite.Local(33, 9), moved.DtStart!.Value);
        await ChangeAsync(item.ContentItemId, part => { part["Cancelled"] = true; part["CancellationReason"] = "Trùng lịch họp của thành phố"; });
        var cancelled = await ReadAsync(client, item.Path!);
        Assert.Equal(2, cancelled.Sequence);
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.Equal(e1.Uid, cancelled.Uid);
        Assert.Contains("Trùng lịch họp của thành phố", cancelled.Description);

        // The public page says so too.
        var page = await client.GetStringAsync("/" + item.Path);
        Assert.Contains("Sự kiện đã bị hủy.", page);
        Assert.Contains("Trùng lịch họp của thành phố", page);
    }

    [Fact]
    public async Task The_feeds_list_events_for_all_a_campaign_and_refuse_what_does_not_exist()
    {
        var linked = await site.EventAsync("Truyền thông phòng chống đuối nước mùa hè", EventsSite.Local(45, 7), EventsSite.Local(45, 9), kind: "session", campaigns: ["campaignjune2024"]);
        var unlinked = await site.EventAsync("Hội thảo không thuộc chiến dịch", EventsSite.Local(46, 7), EventsSite.Local(46, 9), kind: "workshop");
        using var client = site.Anonymous();
        var all = await client.Http.GetAsync("/su-kien/ical/tat-ca.ics");
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        var allCalendar = Ical.Net.Calendar.Load(await all.Content.ReadAsStringAsync())!;
        Assert.Contains(allCalendar.Events, e => e.Uid == $"{linked.ContentItemId}@su-kien.baovetreem");
        Assert.Contains(allCalendar.Events, e => e.Uid == $"{unlinked.ContentItemId}@su-kien.baovetreem");
        Assert.Contains(allCalendar.Events, e => e.Summary == "Diễn đàn trẻ em thành phố năm 2027");

        var campaign = Ical.Net.Calendar.Load(await client.GetStringAsync("/su-kien/ical/chien-dich/campaignjune2024.ics"))!;
        Assert.Contains(campaign.Events, e => e.Uid == $"{linked.ContentItemId}@su-kien.baovetreem");
        Assert.DoesNotContain(campaign.Events, e => e.Uid == $"{unlinked.ContentItemId}@su-kien.baovetreem");

        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/su-kien/ical/chien-dich/khongco.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/su-kien/ical/chien-dich/{unlinked.ContentItemId}.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/su-kien/ical/gi-do.ics")).StatusCode);
    }

    private static async Task<Ical.Net.CalendarComponents.CalendarEvent> ReadAsync(Web.Tests.SiteClient client, string path) =>
        Assert.Single(Ical.Net.Calendar.Load(await client.GetStringAsync($"/{path}/lich.ics"))!.Events);

    private async Task ChangeAsync(string id, Action<JsonObject> change)
    {
        await using var scope = site.Factory.Services.CreateAsyncScope();
        var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var item = (await contents.GetAsync(id, VersionOptions.Latest))!;
        change(item.GetOrCreatePart("EventPart"));
        var result = await contents.SaveAsync(item, new SaveOptions { Publish = true, User = Web.Tests.SiteFactory.AdminUser });
        Assert.True(result.Succeeded, string.Join(" | ", result.Errors.Select(e => e.Format())));
    }
}
