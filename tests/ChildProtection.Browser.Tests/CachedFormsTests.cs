using ChildProtection.Events.Data;
using ChildProtection.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace ChildProtection.Browser.Tests;

/// <summary>
/// Issue 15 in a real Chromium: the event page served from the output cache carries no antiforgery token, and
/// public-forms.js fetches one so a class registers in one press; with JavaScript turned off the same form comes
/// back to be confirmed, with what was typed, and the second press registers.
/// </summary>
public sealed class CachedFormsTests
{
    private const string EventPath = "/su-kien/dien-dan-tre-em-thanh-pho-nam-2027";

    [BrowserFact]
    public async Task A_class_registers_in_one_press_on_the_cached_page_and_without_javascript_in_two()
    {
        await using var site = await LiveSite.StartAsync(new Dictionary<string, string?>
        {
            ["Setup:AdminUserName"] = "quantri",
            ["Setup:AdminEmail"] = "quantri@example.gov.vn",
            ["Setup:AdminPassword"] = "Bieu-mau-2027!",
        });
        await using var session = await BrowserSession.StartAsync();

        // With JavaScript: the page comes from the cache (Age), has no token until the form is used, and one press registers.
        var withScript = await session.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN" });
        withScript.SetDefaultTimeout(60_000);
        var page = await withScript.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        await page.GotoAsync(site.Url(EventPath));
        var cached = await page.GotoAsync(site.Url(EventPath));
        Assert.NotNull(cached);
        Assert.True((await cached!.AllHeadersAsync()).ContainsKey("age"), "the event page with its open form is served from the output cache");
        Assert.Equal(0, await page.Locator(".event-registration input[name=__RequestVerificationToken]").CountAsync());
        await page.FillAsync("#dk-don-vi", "Lớp 4C, Trường Tiểu học Phú Hoà");
        await page.FillAsync("#dk-lien-he", "Lê Thị Mai");
        await page.FillAsync("#dk-email", "lop4c@example.edu.vn");
        await page.FillAsync("#dk-so-nguoi", "28");
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync(".event-registration button[type=submit]"));
        Assert.Contains("/su-kien/dang-ky/", page.Url);
        Assert.Contains("Đăng ký thành công", await page.InnerTextAsync("main"));
        Assert.Empty(errors);

        // Without JavaScript: the first press brings the form back, filled in, asking to confirm; the second registers.
        var noScript = await session.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN", JavaScriptEnabled = false });
        noScript.SetDefaultTimeout(60_000);
        var plain = await noScript.NewPageAsync();
        await plain.GotoAsync(site.Url(EventPath));
        await plain.FillAsync("#dk-don-vi", "Lớp 9A, Trường THCS Chánh Nghĩa");
        await plain.FillAsync("#dk-lien-he", "Phạm Văn Đức");
        await plain.FillAsync("#dk-email", "lop9a@example.edu.vn");
        await plain.FillAsync("#dk-so-nguoi", "35");
        await plain.RunAndWaitForNavigationAsync(() => plain.ClickAsync(".event-registration button[type=submit]"));
        Assert.Contains("Vui lòng bấm “Đăng ký” lần nữa để xác nhận.", await plain.InnerTextAsync(".event-registration"));
        Assert.Equal("Lớp 9A, Trường THCS Chánh Nghĩa", await plain.InputValueAsync("#dk-don-vi"));
        Assert.Equal("35", await plain.InputValueAsync("#dk-so-nguoi"));
        await plain.RunAndWaitForNavigationAsync(() => plain.ClickAsync(".event-registration button[type=submit]"));
        Assert.Contains("/su-kien/dang-ky/", plain.Url);
        Assert.Contains("Đăng ký thành công", await plain.InnerTextAsync("main"));

        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EventsDbContext>();
        var names = await db.Registrations.AsNoTracking().Where(r => r.Status == RegistrationStatus.Confirmed).Select(r => r.Organisation).ToListAsync();
        Assert.Equal(["Lớp 4C, Trường Tiểu học Phú Hoà", "Lớp 9A, Trường THCS Chánh Nghĩa"], names.Order());
    }
}
