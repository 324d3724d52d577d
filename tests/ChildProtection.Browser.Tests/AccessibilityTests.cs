using ChildProtection.Testing;
using Microsoft.Playwright;
using Xunit;

namespace ChildProtection.Browser.Tests;

/// <summary>
/// Issue 6's accessibility bar on the public pages people read: axe-core finds no serious or critical
/// WCAG 2.1 A/AA violation, and at a 360 px wide phone viewport nothing scrolls sideways.
/// </summary>
public sealed class AccessibilityTests
{
    private static readonly string[] Pages =
    [
        "/",
        "/chien-dich",
        "/chien-dich/phong-chong-duoi-nuoc-tre-em-2025-2030",
        "/su-kien",
        "/su-kien/lich-thang?thang=2027-05",
        "/su-kien/dien-dan-tre-em-thanh-pho-nam-2027",
        "/tin-tuc/thanh-pho-trien-khai-cac-nhiem-vu-trong-tam-ve-tre-em-nam-2024",
        "/tin-tuc",
        "/thu-vien",
        // The sample material: a resource page with its cover and downloads, a campaign with its hero image.
        "/thu-vien/so-tay-bao-ve-tre-em-danh-cho-cha-me-va-thay-co",
        "/chien-dich/thang-hanh-dong-vi-tre-em-2024",
        "/tim-kiem?q=tre+em",
    ];

    [BrowserFact]
    public async Task Public_pages_have_no_serious_axe_violations_and_do_not_scroll_sideways_at_360_px()
    {
        await using var site = await LiveSite.StartAsync(new Dictionary<string, string?>
        {
            ["Setup:AdminUserName"] = "quantri",
            ["Setup:AdminEmail"] = "quantri@vhtt.example.gov.vn",
            ["Setup:AdminPassword"] = "Kiem-tra-2025!",
        });
        await using var session = await BrowserSession.StartAsync();
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "vi-VN",
            ViewportSize = new ViewportSize { Width = 360, Height = 740 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
        });
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        // The checker itself works: a picture without alt text and a page wider than the phone are caught.
        await page.SetContentAsync("<html lang=\"vi\"><head><meta name=\"viewport\" content=\"width=device-width\"><title>t</title></head><body><main><img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\"><div style=\"width:900px\">x</div></main></body></html>");
        Assert.Contains(await AxeCheck.SeriousViolationsAsync(page), v => v.StartsWith("image-alt", StringComparison.Ordinal));
        Assert.True(await AxeCheck.SidewaysOverflowAsync(page) > 0);

        var problems = new List<string>();
        foreach (var path in Pages)
        {
            var response = await page.GotoAsync(site.Url(path), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            if (response is null || !response.Ok) { problems.Add($"{path}: answered {response?.Status}"); continue; }
            foreach (var violation in await AxeCheck.SeriousViolationsAsync(page)) problems.Add($"{path}: {violation}");
            var overflow = await AxeCheck.SidewaysOverflowAsync(page);
            if (overflow > 0) problems.Add($"{path}: scrolls {overflow} px sideways at 360 px");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
