using System.Globalization;
using System.Security.Claims;
using ChildProtection.Core.Security;
using ChildProtection.Organisations;
using ChildProtection.Testing;
using ChildProtection.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace ChildProtection.Browser.Tests;

/// <summary>
/// Campaigns in a real browser on a phone-sized screen: a visitor goes from the home page to the running campaign
/// and reads its reach (nothing scrolls sideways); a school's teacher signs in, reports an activity, is refused a
/// negative count with the field marked, then corrects the report and sees both versions; the visitor sees the
/// new totals.
/// </summary>
public sealed class CampaignReachTests
{
    private const string Password = "Quan-tri-2025!";
    private const string SchoolPassword = "Truong-hoc-2025!";

    private static async Task<int> SidewaysAsync(IPage page) =>
        await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

    [BrowserFact]
    public async Task A_school_reports_and_corrects_an_activity_and_a_visitor_reads_the_totals_on_a_phone()
    {
        await using var site = await LiveSite.StartAsync(new Dictionary<string, string?>
        {
            ["Setup:AdminUserName"] = "quantri",
            ["Setup:AdminEmail"] = "quantri@example.gov.vn",
            ["Setup:AdminPassword"] = Password,
            ["Jobs:PollSeconds"] = "1",
        });
        await using var session = await BrowserSession.StartAsync();
        var phone = new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true };
        var errors = new List<string>();

        // The administrator applies the sample directory (wards and schools).
        var adminContext = await session.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN" });
        adminContext.SetDefaultTimeout(90_000);
        adminContext.SetDefaultNavigationTimeout(90_000);
        var admin = await adminContext.NewPageAsync();
        // Applying a recipe asks for confirmation first.
        admin.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await admin.GotoAsync(site.Url("/login"));
        await admin.FillAsync("#UserName", "quantri");
        await admin.FillAsync("#Password", Password);
        await admin.RunAndWaitForNavigationAsync(() => admin.ClickAsync("form button[type=submit]"));
        Assert.True(admin.Url.Contains("/admin"), admin.Url + "\n" + await admin.InnerTextAsync("body"));
        await admin.GotoAsync(site.Url("/admin/recipes"));
        await admin.RunAndWaitForNavigationAsync(() => admin.ClickAsync("form:has(input[name=name][value='directory-sample']) button[type=submit]"));
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var school = await scope.ServiceProvider.GetRequiredService<IRecipientDirectory>().GetOrganisationByCodeAsync("TH-PHULOI");
            Assert.NotNull(school);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var teacher = new User { UserName = "gv-phuloi", Email = "gv-phuloi@example.edu.vn", EmailConfirmed = true };
            Assert.True((await users.CreateAsync(teacher, SchoolPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(teacher, "SchoolUser")).Succeeded);
            Assert.True((await users.AddClaimAsync(teacher, new Claim(SiteClaims.Organisation, SiteClaims.FormatOrganisation(school!.Id)))).Succeeded);
        }

        // A visitor on a phone: home page → the running campaign → its reach.
        var visitorContext = await session.Browser.NewContextAsync(phone);
        visitorContext.SetDefaultTimeout(90_000);
        visitorContext.SetDefaultNavigationTimeout(90_000);
        var visitor = await visitorContext.NewPageAsync();
        visitor.Console += (_, m) => { if (m.Type == "error") errors.Add($"{m.Text} at {m.Location}"); };
        visitor.Response += (_, r) => { if (r.Status >= 400) errors.Add($"{r.Status} {r.Url}"); };
        await visitor.GotoAsync(site.Url("/"));
        Assert.Contains("111", await visitor.InnerTextAsync(".home-hotline"));
        Assert.Equal(0, await SidewaysAsync(visitor));
        await visitor.RunAndWaitForNavigationAsync(() => visitor.ClickAsync(".home-section a:has-text('Phòng, chống đuối nước trẻ em')"));
        Assert.EndsWith("/chien-dich/phong-chong-duoi-nuoc-tre-em-2025-2030", visitor.Url);
        Assert.Equal("Đang diễn ra", await visitor.InnerTextAsync(".campaign-status"));
        Assert.Contains("885", await visitor.InnerTextAsync(".reach-figures"));
        Assert.Equal(0, await SidewaysAsync(visitor));
        // The bars are drawn: the longest fills its track.
        var bar = await visitor.QuerySelectorAsync(".reach-chart .reach-bar-fill[width='100']");
        Assert.NotNull(bar);
        Assert.True((await bar!.BoundingBoxAsync())!.Width > 40);

        // The school's teacher reports on a phone.
        var teacherContext = await session.Browser.NewContextAsync(phone);
        teacherContext.SetDefaultTimeout(90_000);
        teacherContext.SetDefaultNavigationTimeout(90_000);
        var page = await teacherContext.NewPageAsync();
        // The refused form answers 422 on purpose; Chromium logs that as a console error.
        page.Console += (_, m) => { if (m.Type == "error" && !m.Text.Contains("status of 422")) errors.Add($"{m.Text} at {m.Location}"); };
        page.Response += (_, r) => { if (r.Status >= 500) errors.Add($"{r.Status} {r.Url}"); };
        await page.GotoAsync(site.Url("/login"));
        await page.FillAsync("#UserName", "gv-phuloi");
        await page.FillAsync("#Password", SchoolPassword);
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("form button[type=submit]"));
        Assert.True(page.Url.Contains("/admin"), page.Url + "\n" + await page.InnerTextAsync("body"));
        await page.GotoAsync(site.Url("/admin/activities"));
        Assert.Contains("Trường Tiểu học Phú Lợi (TH-PHULOI)", await page.InnerTextAsync("main"));
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("tr:has-text('Phòng, chống đuối nước') a.btn.primary"));
        Assert.Contains("Phường Phú Lợi", await page.InnerTextAsync("main"));

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")));
        await page.SelectOptionAsync("#f_Kind", "themed-session");
        await page.FillAsync("#f_Date", today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.FillAsync("#f_Title", "Sinh hoạt chủ điểm an toàn dưới nước khối 4");
        await page.FillAsync("#f_Sessions", "3");
        await page.FillAsync("#f_Children", "-12");
        await page.FillAsync("#f_Teachers", "9");
        await page.FillAsync("#f_Leaflets", "400");
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("button.primary[type=submit]"));
        Assert.Equal("Trẻ em không được là số âm.", (await page.InnerTextAsync("#err_Children")).Trim());
        Assert.Equal("true", await page.GetAttributeAsync("#f_Children", "aria-invalid"));
        Assert.Equal("400", await page.InputValueAsync("#f_Leaflets"));

        await page.FillAsync("#f_Children", "240");
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("button.primary[type=submit]"));
        Assert.Matches("/admin/activities/[0-9a-z]{26}$", page.Url);
        Assert.Contains("Đã lưu báo cáo", await page.InnerTextAsync("main"));

        // A correction: a reason, a new version; the old one stays in the history.
        await page.FillAsync("#f_Children", "260");
        await page.FillAsync("#f_Note", "Thêm lớp 4C học buổi chiều");
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("button.primary:has-text('Lưu bản sửa')"));
        var history = await page.InnerTextAsync(".reach-history");
        Assert.Contains("v1", history);
        Assert.Contains("v2", history);
        Assert.Contains("Thêm lớp 4C học buổi chiều", history);
        Assert.Equal("260", (await page.InnerTextAsync(".reach-history tbody tr:first-child td.changed")).Trim());

        await visitor.ReloadAsync();
        Assert.Contains("1.154", await visitor.InnerTextAsync(".reach-figures"));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
