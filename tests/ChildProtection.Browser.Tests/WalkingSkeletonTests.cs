using ChildProtection.Testing;
using Microsoft.Playwright;
using Xunit;

namespace ChildProtection.Browser.Tests;

/// <summary>What a new office would do first, in a real browser: set up, look, sign in, publish, read.</summary>
public sealed class WalkingSkeletonTests
{
    private const string Password = "Trinh-duyet-2024!";

    [BrowserFact]
    public async Task Setup_then_home_then_sign_in_then_publish_a_page_and_read_it_on_the_public_site()
    {
        await using var site = await LiveSite.StartAsync();
        await using var session = await BrowserSession.StartAsync();
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        // Two cores shared with the other test projects: allow slow steps rather than fail on load.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") consoleErrors.Add($"{m.Text} at {m.Location}"); };
        page.Response += (_, r) => { if (r.Status >= 400) consoleErrors.Add($"{r.Status} {r.Url}"); };

        // 1. A new site opens on the setup screen.
        await page.GotoAsync(site.Url("/"));
        Assert.True(page.Url.EndsWith("/setup"), page.Url + "\n" + await page.ContentAsync());
        await page.FillAsync("#SiteName", "Bảo vệ trẻ em thành phố");
        await page.FillAsync("#AdminUserName", "bientap");
        await page.FillAsync("#AdminEmail", "bientap@example.org");
        await page.FillAsync("#AdminPassword", Password);
        await page.ClickAsync("button[type=submit]");

        // 2. Setup leads to the admin, which asks to sign in; the public home page is there meanwhile.
        await page.WaitForURLAsync(url => url.Contains("/login"));
        var visitor = await context.Browser!.NewPageAsync();
        await visitor.GotoAsync(site.Url("/"));
        Assert.Contains("111", await visitor.InnerTextAsync("body"));
        Assert.Equal("vi", await visitor.GetAttributeAsync("html", "lang"));

        // 3. Sign in.
        await page.FillAsync("#UserName", "bientap");
        await page.FillAsync("#Password", Password);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync(url => url.EndsWith("/admin"));

        // 4. Write and publish a page.
        await page.GotoAsync(site.Url("/admin/content/new/Page"));
        await page.FillAsync("#f_TitlePart_Title", "Kỹ năng phòng chống đuối nước cho học sinh");
        // The body is the rich editor; its "HTML" button shows the textarea to type the source into.
        await page.ClickAsync(".rich-editor:has(#f_BodyPart_Html) button[data-command=source]");
        await page.FillAsync("#f_BodyPart_Html", "<p>Học bơi, đi cùng người lớn, không chơi gần ao hồ.</p>");
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("button.primary:has-text('Xuất bản')"));
        // On a refusal the editor comes back with its messages: show them instead of a bare timeout.
        Assert.True(page.Url.EndsWith("/edit"), $"{page.Url}\n{await page.InnerTextAsync("main")}");
        Assert.Contains("Đã xuất bản", await page.InnerTextAsync("body"));

        // 5. A visitor reads it on the public site, diacritics intact.
        await visitor.GotoAsync(site.Url("/ky-nang-phong-chong-duoi-nuoc-cho-hoc-sinh"));
        Assert.Equal("Kỹ năng phòng chống đuối nước cho học sinh", (await visitor.InnerTextAsync("h1")).Trim());
        Assert.Contains("Học bơi, đi cùng người lớn", await visitor.InnerTextAsync("main"));
        Assert.True(consoleErrors.Count == 0, string.Join("\n", consoleErrors));
    }

    [BrowserFact]
    public async Task The_public_home_page_fits_a_360_px_phone()
    {
        await using var site = await LiveSite.StartAsync();
        await using var session = await BrowserSession.StartAsync();
        // Set up through the screen as a person would, on a phone.
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 360, Height = 740 }, IsMobile = true });
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Url("/setup"));
        await page.FillAsync("#SiteName", "Bảo vệ trẻ em");
        await page.FillAsync("#AdminUserName", "quantri");
        await page.FillAsync("#AdminEmail", "quantri@example.org");
        await page.FillAsync("#AdminPassword", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("/login"));

        foreach (var path in new[] { "/", "/tin-tuc/thanh-pho-trien-khai-cac-nhiem-vu-trong-tam-ve-tre-em-nam-2024", "/khong-co-trang-nay" })
        {
            await page.GotoAsync(site.Url(path));
            var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= 360, $"{path} scrolls sideways ({scrollWidth}px)");
            Assert.True(await page.Locator("a[href='tel:111']").CountAsync() > 0, $"{path} shows no 111 link");
        }
    }
}
