using System.Net;
using ChildProtection.Web.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Events.Tests;

/// <summary>The public schedule on a fresh site: the recipe's sample events, lists, filters, the month calendar, past events with reports, an event's page.</summary>
public sealed class ScheduleTests(EventsSite site) : IClassFixture<EventsSite>
{
    [Fact]
    public async Task A_fresh_site_shows_a_schedule_from_the_recipe()
    {
        using var client = site.Anonymous();
        var home = await client.GetStringAsync("/");
        Assert.Contains("href=\"/su-kien\"", home);

        var list = await client.GetStringAsync("/su-kien");
        Assert.Contains("Lịch sự kiện", list);
        Assert.Contains("Diễn đàn trẻ em thành phố năm 2027", list);
        Assert.Contains("Tập huấn kỹ năng phòng chống xâm hại trẻ em cho giáo viên tiểu học", list);
        Assert.Contains("Thứ Bảy, 16/01/2027, 08:00 – 11:30", list);
        Assert.DoesNotContain("Diễn đàn trẻ em phường năm 2024", list);
        ChildProtection.Testing.PageScripts.AssertOnlyOwn(list);

        var past = await client.GetStringAsync("/su-kien/da-dien-ra");
        Assert.Contains("Diễn đàn trẻ em phường năm 2024", past);
        Assert.Contains("120 học sinh của 8 trường", past);

        var forum = await client.GetStringAsync("/su-kien/dien-dan-tre-em-phuong-nam-2024");
        Assert.Contains("Kết quả sự kiện", forum);
        Assert.Contains("Tháng hành động vì trẻ em 2024", forum);
        Assert.Contains("Lãnh đạo phường trả lời câu hỏi của trẻ em", forum);
        Assert.Contains("Thứ Bảy, 15/06/2024, 08:30 – 11:30", forum);
    }

    [Fact]
    public async Task Filters_by_kind_and_campaign_narrow_the_list_and_unknown_values_are_ignored()
    {
        using var client = site.Anonymous();
        var trainings = await client.GetStringAsync("/su-kien?loai=training");
        Assert.Contains("Tập huấn kỹ năng phòng chống xâm hại", trainings);
        Assert.DoesNotContain("Hội thi vẽ tranh", trainings);

        var campaign = await client.GetStringAsync("/su-kien/da-dien-ra?chien-dich=campaignjune2024");
        Assert.Contains("Diễn đàn trẻ em phường năm 2024", campaign);
        Assert.Contains("Tập huấn phòng chống đuối nước cho cộng tác viên năm 2024", campaign);

        var unknown = await client.Http.GetAsync("/su-kien?loai=%27%3Bdrop&phuong=KHONG-CO&chien-dich=zzz&trang=-4&thang=abc");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("Diễn đàn trẻ em thành phố năm 2027", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Events_take_their_ward_from_the_directory_and_the_ward_filter_and_feed_follow_it()
    {
        var applied = await site.Admin.PostFormAsync("/admin/recipes?handler=Apply", new() { ["name"] = "directory-sample" }, "/admin/recipes");
        Assert.True(applied.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"Applying the recipe answered {(int)applied.StatusCode}");
        var inWard = await site.EventAsync("Sinh hoạt chủ đề ở phường Chánh Hiệp", EventsSite.Local(40, 8), EventsSite.Local(40, 10), kind: "session", ward: "P-CHANHHIEP");
        var other = await site.EventAsync("Sinh hoạt chủ đề ở xã Bạch Đằng", EventsSite.Local(41, 8), EventsSite.Local(41, 10), kind: "session", ward: "X-BACHDANG");

        using var client = site.Anonymous();
        var list = await client.GetStringAsync("/su-kien?phuong=P-CHANHHIEP");
        Assert.Contains("Sinh hoạt chủ đề ở phường Chánh Hiệp", list);
        Assert.DoesNotContain("Sinh hoạt chủ đề ở xã Bạch Đằng", list);
        Assert.Contains("<option value=\"P-CHANHHIEP\" selected>Phường Chánh Hiệp</option>", list);
        Assert.Contains("/su-kien/ical/phuong/P-CHANHHIEP.ics", list);
        var page = await client.GetStringAsync("/" + inWard.Path);
        Assert.Contains("Phường Chánh Hiệp", page);

        var feed = await client.GetStringAsync("/su-kien/ical/phuong/P-CHANHHIEP.ics");
        Assert.Contains(inWard.ContentItemId, feed);
        Assert.DoesNotContain(other.ContentItemId, feed);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/su-kien/ical/phuong/KHONG-CO.ics")).StatusCode);
        // A school is not a ward.
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/su-kien/ical/phuong/TH-PHULOI.ics")).StatusCode);
    }

    [Fact]
    public async Task The_month_calendar_shows_events_on_their_days_and_pages_by_month()
    {
        using var client = site.Anonymous();
        var may = await client.GetStringAsync("/su-kien/lich-thang?thang=2027-05");
        Assert.Contains("Lịch sự kiện tháng 5/2027", may);
        Assert.Contains("Diễn đàn trẻ em thành phố năm 2027", may);
        Assert.Contains("Thứ Bảy, 29/05/2027", may);
        Assert.Contains("?thang=2027-04", may);
        Assert.Contains("?thang=2027-06", may);
        var june = await client.GetStringAsync("/su-kien/lich-thang?thang=2027-06");
        Assert.DoesNotContain("Diễn đàn trẻ em thành phố năm 2027", june);
        Assert.Contains("Không có sự kiện nào trong tháng 6/2027", june);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/su-kien/lich-thang?thang=9999-99")).StatusCode);
    }

    [Fact]
    public async Task An_event_page_has_the_facts_a_map_link_the_agenda_and_the_registration_form()
    {
        using var client = site.Anonymous();
        var html = await client.GetStringAsync("/su-kien/tap-huan-ky-nang-phong-chong-xam-hai-tre-em-cho-giao-vien-tieu-hoc");
        Assert.Contains("Hội trường Phòng Giáo dục và Đào tạo", html);
        Assert.Contains("https://www.google.com/maps/search/?api=1&amp;query=1%20Quang%20Trung", html);
        Assert.Contains("Dấu hiệu nhận biết trẻ bị xâm hại", html);
        Assert.Contains("Còn <strong>60</strong> / 60 chỗ", html);
        Assert.Contains("action=\"/su-kien/tap-huan-ky-nang-phong-chong-xam-hai-tre-em-cho-giao-vien-tieu-hoc/dang-ky#dang-ky\"", html);
        Assert.Contains("Hạn đăng ký: 14/01/2027 17:00", html);
        Assert.Contains("href=\"/su-kien/tap-huan-ky-nang-phong-chong-xam-hai-tre-em-cho-giao-vien-tieu-hoc/lich.ics\"", html);
        Assert.Contains("lang=\"vi\"", html);
        // No framework: besides the schema.org data block, only our own deferred files (the forms' token fetcher, the search suggestions).
        ChildProtection.Testing.PageScripts.AssertOnlyOwn(html);
        Assert.Contains("js/public-forms.js", html);
        var ld = System.Text.Json.Nodes.JsonNode.Parse(System.Text.RegularExpressions.Regex.Match(html, "<script type=\"application/ld\\+json\">(.*?)</script>").Groups[1].Value)!;
        Assert.Equal("Event", ld["@type"]!.GetValue<string>());
        Assert.Equal("2027-01-16T08:00:00+07:00", ld["startDate"]!.GetValue<string>());
        Assert.Equal("https://schema.org/EventScheduled", ld["eventStatus"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync("/su-kien/khong-co-su-kien-nay")).StatusCode);
    }

    [Fact]
    public async Task The_event_catalog_contract_lists_upcoming_events_soonest_first()
    {
        await using var scope = site.Factory.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<IEventCatalog>();
        var upcoming = await catalog.UpcomingAsync(new EventQuery { Count = 50 });
        Assert.Contains(upcoming, e => e.Title == "Diễn đàn trẻ em thành phố năm 2027" && e.KindLabel == "Diễn đàn" && e.SeatsLeft == 150 && e.RegistrationOpen);
        Assert.DoesNotContain(upcoming, e => e.Title == "Diễn đàn trẻ em phường năm 2024");
        Assert.Equal(upcoming.OrderBy(e => e.StartUtc).Select(e => e.ContentItemId), upcoming.Select(e => e.ContentItemId));
        var forum = upcoming.First(e => e.Title == "Diễn đàn trẻ em thành phố năm 2027");
        Assert.Equal(new DateTime(2027, 5, 29, 1, 0, 0, DateTimeKind.Utc), forum.StartUtc);
        Assert.StartsWith("/su-kien/", forum.Url);

        var past = await catalog.PastAsync(new EventQuery { CampaignId = "campaignjune2024", Count = 10 });
        Assert.Equal(["Tập huấn phòng chống đuối nước cho cộng tác viên năm 2024", "Diễn đàn trẻ em phường năm 2024"], past.Select(e => e.Title));
        Assert.All(past, e => Assert.True(e.HasReport));
    }
    [Fact]
    public async Task A_past_event_shows_its_report_and_photos_from_the_media_library()
    {
        using var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgba32>(640, 400, new SixLabors.ImageSharp.PixelFormats.Rgba32(30, 120, 200));
        using var png = new MemoryStream();
        await SixLabors.ImageSharp.ImageExtensions.SaveAsPngAsync(image, png);
        png.Position = 0;
        await using var scope = site.Factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<ChildProtection.Media.IMediaLibrary>().StoreAsync(new ChildProtection.Media.MediaUpload
        {
            Content = png, OriginalName = "dien-dan.png", Folder = "su-kien", AltText = "Học sinh phát biểu tại diễn đàn", Caption = "Phần đối thoại",
        });
        Assert.True(stored.Succeeded, string.Join(" ", stored.Errors));
        var contents = scope.ServiceProvider.GetRequiredService<ChildProtection.Core.Contents.IContentManager>();
        var item = await site.EventAsync("Diễn đàn trẻ em khu phố 7", EventsSite.Local(-30, 8), EventsSite.Local(-30, 11), kind: "forum", registration: false);
        var latest = (await contents.GetAsync(item.ContentItemId, ChildProtection.Core.Contents.VersionOptions.Latest))!;
        latest.GetOrCreatePart("EventPart")["Report"] = "80 học sinh tham dự; 12 câu hỏi được trả lời.";
        latest.GetOrCreatePart("Event")["Photos"] = new System.Text.Json.Nodes.JsonObject { ["mediaIds"] = new System.Text.Json.Nodes.JsonArray(stored.File!.Id) };
        var saved = await contents.SaveAsync(latest, new ChildProtection.Core.Contents.SaveOptions { Publish = true, User = SiteFactory.AdminUser });
        Assert.True(saved.Succeeded, string.Join(" | ", saved.Errors.Select(e => e.Format())));

        using var client = site.Anonymous();
        var page = await client.GetStringAsync("/" + item.Path);
        Assert.Contains("80 học sinh tham dự; 12 câu hỏi được trả lời.", page);
        Assert.Contains("alt=\"Học sinh phát biểu tại diễn đàn\"", page);
        Assert.Contains($"/media/{stored.File.Id}/", page);
        Assert.Contains("Phần đối thoại", page);
        var past = await client.GetStringAsync("/su-kien/da-dien-ra");
        Assert.Contains("80 học sinh tham dự", past);
        Assert.Contains("alt=\"Học sinh phát biểu tại diễn đàn\"", past);
    }
}
