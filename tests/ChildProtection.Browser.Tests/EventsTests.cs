using ChildProtection.Testing;
using Microsoft.Playwright;
using Xunit;

namespace ChildProtection.Browser.Tests;

/// <summary>
/// Issue 6's events on a 360 px phone: the schedule, the month calendar and an event page fit the screen; the
/// .ics downloads; a class registers and sees its confirmation; a child sends a question before the forum.
/// </summary>
public sealed class EventsTests
{
    [BrowserFact]
    public async Task A_visitor_on_a_phone_finds_the_forum_adds_it_to_a_calendar_registers_a_class_and_sends_a_question()
    {
        await using var site = await LiveSite.StartAsync(new Dictionary<string, string?>
        {
            ["Setup:AdminUserName"] = "quantri",
            ["Setup:AdminEmail"] = "quantri@example.gov.vn",
            ["Setup:AdminPassword"] = "Su-kien-2027!",
            ["Jobs:PollSeconds"] = "1",
        });
        await using var session = await BrowserSession.StartAsync();
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 360, Height = 740 }, AcceptDownloads = true,
        });
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        var failures = new List<string>();
        page.Response += (_, r) => { if (r.Status >= 500) failures.Add($"{r.Status} {r.Url}"); };
        async Task NoSidewaysScrollAsync() =>
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{page.Url} scrolls sideways");

        await page.GotoAsync(site.Url("/su-kien"));
        Assert.Equal("vi", await page.GetAttributeAsync("html", "lang"));
        await NoSidewaysScrollAsync();
        await page.SelectOptionAsync("#loc-loai", "forum");
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync(".event-filters button"));
        Assert.Contains("loai=forum", page.Url);

        await page.GotoAsync(site.Url("/su-kien/lich-thang?thang=2027-05"));
        await NoSidewaysScrollAsync();
        Assert.Contains("Thứ Bảy, 29/05/2027", await page.InnerTextAsync("main"));
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync(".cal-events a:has-text('Diễn đàn trẻ em thành phố năm 2027')"));
        Assert.Contains("/su-kien/dien-dan-tre-em-thanh-pho-nam-2027", page.Url);
        await NoSidewaysScrollAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a:has-text('Thêm vào lịch (.ics)')"));
        var ics = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("BEGIN:VCALENDAR", ics);
        Assert.Contains("DTSTART;TZID=Asia/Ho_Chi_Minh:20270529T080000", ics);

        await page.FillAsync("#dk-don-vi", "Lớp 5A, Trường Tiểu học Phú Lợi");
        await page.FillAsync("#dk-lien-he", "Nguyễn Thị Lan");
        await page.FillAsync("#dk-email", "lop5a@example.edu.vn");
        await page.FillAsync("#dk-so-nguoi", "-2");
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync(".event-registration button[type=submit]"));
        Assert.Contains("Số người tham dự phải là số nguyên dương", await page.InnerTextAsync("#dk-so-nguoi-loi"));
        Assert.Equal("Lớp 5A, Trường Tiểu học Phú Lợi", await page.InputValueAsync("#dk-don-vi"));
        await page.FillAsync("#dk-so-nguoi", "32");
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync(".event-registration button[type=submit]"));
        Assert.Contains("/su-kien/dang-ky/", page.Url);
        Assert.Contains("Đăng ký thành công", await page.InnerTextAsync("main"));
        await NoSidewaysScrollAsync();

        await page.GotoAsync(site.Url("/su-kien/dien-dan-tre-em-thanh-pho-nam-2027"));
        Assert.Contains("Còn 118 / 150 chỗ", await page.InnerTextAsync(".event-seats"));
        await page.FillAsync("#yk-noi-dung", "Em muốn thành phố có thêm hồ bơi miễn phí cho học sinh vào mùa hè.");
        await page.FillAsync("#yk-tuoi", "10");
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync(".event-voices button[type=submit]"));
        Assert.Contains("Cảm ơn em!", await page.InnerTextAsync(".event-voices"));
        Assert.Empty(failures);
    }
}
