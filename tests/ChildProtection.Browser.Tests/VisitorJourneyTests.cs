using ChildProtection.Testing;
using Microsoft.Playwright;
using Xunit;

namespace ChildProtection.Browser.Tests;

/// <summary>
/// Issue 6's scenario on a phone-sized screen: a visitor opens the home page, goes to a running campaign,
/// opens an upcoming forum from it, adds it to a calendar (the .ics downloads), registers a class, and finds
/// the campaign again by searching without diacritics. Every public page on the way fits 360 px.
/// </summary>
public sealed class VisitorJourneyTests
{
    private const string Campaign = "Phòng, chống đuối nước trẻ em giai đoạn 2025–2030";
    private const string Forum = "Diễn đàn trẻ em thành phố năm 2027";

    [BrowserFact]
    public async Task A_visitor_goes_from_the_home_page_to_a_campaign_its_forum_a_calendar_entry_a_registration_and_back_by_search()
    {
        await using var site = await LiveSite.StartAsync(new Dictionary<string, string?>
        {
            ["Setup:AdminUserName"] = "quantri",
            ["Setup:AdminEmail"] = "quantri@vhtt.example.gov.vn",
            ["Setup:AdminPassword"] = "Hanh-trinh-2025!",
        });
        await using var session = await BrowserSession.StartAsync();
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true, AcceptDownloads = true,
        });
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        var failures = new List<string>();
        page.Response += (_, r) => { if (r.Status >= 400) failures.Add($"{r.Status} {r.Url}"); };
        page.PageError += (_, e) => failures.Add($"page error: {e}");
        async Task FitsAsync()
        {
            var overflow = await AxeCheck.SidewaysOverflowAsync(page);
            if (overflow > 0) failures.Add($"{page.Url} scrolls {overflow} px sideways");
        }

        // The home page shows the running campaign and the hotline.
        await page.GotoAsync(site.Url("/"));
        Assert.Contains("111", await page.InnerTextAsync("body"));
        await FitsAsync();
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync($"main a:has-text('{Campaign}')"));
        Assert.Contains("/chien-dich/", page.Url);
        Assert.Contains(Campaign, await page.InnerTextAsync("h1"));
        await FitsAsync();

        // The campaign lists its upcoming forum.
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync($"main a:has-text('{Forum}')"));
        Assert.Contains("/su-kien/", page.Url);
        Assert.Contains(Forum, await page.InnerTextAsync("h1"));
        await FitsAsync();

        // Add to calendar: an iCalendar file with the forum at 08:00 Vietnam time.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a:has-text('Thêm vào lịch (.ics)')"));
        var ics = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("BEGIN:VEVENT", ics);
        Assert.Contains("DTSTART;TZID=Asia/Ho_Chi_Minh:20270529T080000", ics);
        Assert.EndsWith(".ics", download.SuggestedFilename);

        // A teacher registers a class.
        await page.FillAsync("#dk-don-vi", "Lớp 4B, Trường Tiểu học Hiệp Thành");
        await page.FillAsync("#dk-lien-he", "Cô Nguyễn Thị Lan");
        await page.FillAsync("#dk-email", "lan.nguyen@thhiepthanh.example.edu.vn");
        await page.FillAsync("#dk-so-nguoi", "28");
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync(".event-registration button[type=submit]"));
        Assert.Contains("Đăng ký thành công", await page.InnerTextAsync("main"));
        await FitsAsync();

        // Back to the campaign by searching without diacritics, from the search box every page has.
        await page.GotoAsync(site.Url("/"));
        var found = false;
        for (var attempt = 0; attempt < 30 && !found; attempt++)
        {
            // The index is built in the background on a new site's first start.
            await page.FillAsync("#site-search-q", "phong chong duoi nuoc tre em");
            await page.RunAndWaitForNavigationAsync(() => page.PressAsync("#site-search-q", "Enter"));
            found = await page.Locator($"main a:has-text('{Campaign}')").CountAsync() > 0;
            if (!found) await Task.Delay(2000);
        }
        Assert.True(found, "The campaign was not found by searching without diacritics:\n" + await page.InnerTextAsync("main"));
        await FitsAsync();
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync($"main a:has-text('{Campaign}')"));
        Assert.Contains(Campaign, await page.InnerTextAsync("h1"));

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
