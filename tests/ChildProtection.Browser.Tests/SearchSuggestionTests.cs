using ChildProtection.Testing;
using Microsoft.Playwright;
using Xunit;

namespace ChildProtection.Browser.Tests;

/// <summary>The header search box suggests as one types (combobox pattern): type, see options, ArrowDown + Enter opens one.</summary>
public sealed class SearchSuggestionTests
{
    [BrowserFact]
    public async Task Typing_in_the_header_box_shows_suggestions_and_ArrowDown_Enter_opens_one()
    {
        await using var site = await LiveSite.StartAsync(new Dictionary<string, string?>
        {
            ["Setup:AdminUserName"] = "quantri",
            ["Setup:AdminEmail"] = "quantri@vhtt.example.gov.vn",
            ["Setup:AdminPassword"] = "Goi-y-tim-kiem-2025!",
        });
        await using var session = await BrowserSession.StartAsync();
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN" });
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add($"page error: {e}");
        page.Console += (_, m) => { if (m.Type == "error") errors.Add($"console: {m.Text}"); };
        await page.GotoAsync(site.Url("/"));

        var box = page.Locator("#site-search-q");
        Assert.Equal("combobox", await box.GetAttributeAsync("role"));
        Assert.Equal("false", await box.GetAttributeAsync("aria-expanded"));
        var options = page.Locator("#site-search-list [role=option]");
        for (var attempt = 0; attempt < 30; attempt++)
        {
            // The index is built in the background on a new site's first start; the last word is half typed.
            await box.FillAsync("");
            await box.PressSequentiallyAsync("đuối nư", new LocatorPressSequentiallyOptions { Delay = 40 });
            try { await options.First.WaitForAsync(new LocatorWaitForOptions { Timeout = 3_000 }); break; }
            catch (TimeoutException) { }
        }
        Assert.True(await options.CountAsync() > 0, "No suggestion appeared for “đuối nư”");
        Assert.Equal("true", await box.GetAttributeAsync("aria-expanded"));
        Assert.Equal("site-search-list", await box.GetAttributeAsync("aria-controls"));
        Assert.StartsWith("Có ", await page.Locator(".site-search [role=status]").InnerTextAsync());
        Assert.Empty(await AxeCheck.SeriousViolationsAsync(page));

        await box.PressAsync("ArrowDown");
        var first = options.First;
        Assert.Equal(await first.GetAttributeAsync("id"), await box.GetAttributeAsync("aria-activedescendant"));
        Assert.Equal("true", await first.GetAttributeAsync("aria-selected"));
        var title = await first.InnerTextAsync();
        Assert.Contains("đuối nước", title, StringComparison.OrdinalIgnoreCase);

        await page.RunAndWaitForNavigationAsync(() => box.PressAsync("Enter"));
        Assert.DoesNotContain("/tim-kiem", page.Url);
        Assert.Contains(title, await page.InnerTextAsync("h1"));

        // Escape closes the list without leaving the page.
        await page.Locator("#site-search-q").PressSequentiallyAsync("đuối nư", new LocatorPressSequentiallyOptions { Delay = 40 });
        await options.First.WaitForAsync();
        await page.Locator("#site-search-q").PressAsync("Escape");
        Assert.Equal("false", await page.Locator("#site-search-q").GetAttributeAsync("aria-expanded"));
        Assert.True(await page.Locator("#site-search-list").IsHiddenAsync());
        Assert.Empty(errors);
    }
}
