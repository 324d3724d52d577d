using ChildProtection.Testing;
using Microsoft.Playwright;
using OtpNet;
using Xunit;

namespace ChildProtection.Browser.Tests;

/// <summary>
/// Two-factor sign-in in a real browser, with the codes an authenticator app would show computed in the
/// test from the key on the page: the administrator's role requires it, so the first sign-in lands on the
/// set-up page; the code turns it on and shows ten recovery codes; the next sign-in asks for a code on a
/// second step and opens the admin.
/// </summary>
public sealed class TwoFactorTests
{
    private const string Password = "Quan-tri-2025!";

    [BrowserFact]
    public async Task An_administrator_sets_up_an_authenticator_and_signs_in_with_its_code()
    {
        await using var site = await LiveSite.StartAsync(new Dictionary<string, string?>
        {
            ["Setup:AdminUserName"] = "quantri",
            ["Setup:AdminEmail"] = "quantri@example.gov.vn",
            ["Setup:AdminPassword"] = Password,
            ["Security:TwoFactorRoles"] = "Administrator,NoticeSender,Reviewer",
        });
        await using var session = await BrowserSession.StartAsync();
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add($"{m.Text} at {m.Location}"); };
        page.Response += (_, r) => { if (r.Status >= 500) errors.Add($"{r.Status} {r.Url}"); };

        await SignInWithPasswordAsync(page, site);
        // The role requires a second factor: the set-up page comes before the admin, and the admin stays shut.
        await page.WaitForURLAsync(url => url.Contains("/account/two-factor"));
        Assert.Contains("Vai trò của bạn bắt buộc xác thực hai bước", await page.InnerTextAsync("main"));
        await page.GotoAsync(site.Url("/admin/content"));
        Assert.Contains("/account/two-factor", page.Url);

        // The QR code is an image drawn by the site itself.
        var qr = await page.GetAttributeAsync("#two-factor-qr", "src");
        Assert.StartsWith("data:image/png;base64,", qr);
        Assert.True(await page.EvalOnSelectorAsync<bool>("#two-factor-qr", "img => img.complete && img.naturalWidth > 100"));
        var key = (await page.InnerTextAsync("#two-factor-key")).Replace(" ", "").ToUpperInvariant();
        var totp = new Totp(Base32Encoding.ToBytes(key));

        await page.FillAsync("#Code", totp.ComputeTotp());
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("button.primary[type=submit]"));
        Assert.Contains("Đã bật xác thực hai bước", await page.InnerTextAsync("#two-factor-message"));
        Assert.Equal(10, await page.Locator("#recovery-codes li").CountAsync());
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a[download]"));
        var downloaded = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Equal(10, downloaded.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains(await page.InnerTextAsync("#recovery-codes li:first-child"), downloaded);

        // The admin opens now, and its user menu links to the account pages.
        await page.GotoAsync(site.Url("/admin"));
        Assert.EndsWith("/admin", page.Url);
        Assert.Equal(1, await page.Locator(".userbar a[href='/account/two-factor']").CountAsync());
        Assert.Equal(1, await page.Locator(".userbar a[href='/account/password']").CountAsync());
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync(".userbar button[type=submit]"));

        // Next time: password, then the code from the app.
        await SignInWithPasswordAsync(page, site);
        await page.WaitForURLAsync(url => url.Contains("/account/two-factor/sign-in"));
        await page.FillAsync("#Code", "000000");
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("button.primary[type=submit]"));
        Assert.Contains("Mã không đúng", await page.InnerTextAsync("#two-factor-error"));
        await page.FillAsync("#Code", totp.ComputeTotp());
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("button.primary[type=submit]"));
        Assert.EndsWith("/admin", page.Url);
        Assert.Contains("quantri", await page.InnerTextAsync(".userbar"));
        Assert.Empty(errors);
    }

    private static async Task SignInWithPasswordAsync(IPage page, LiveSite site)
    {
        await page.GotoAsync(site.Url("/login"));
        Assert.Equal(1, await page.Locator("a[href='/forgot-password']").CountAsync());
        await page.FillAsync("#UserName", "quantri");
        await page.FillAsync("#Password", Password);
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("form button[type=submit]"));
    }
}
