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
/// The users admin's "Đơn vị" picker in a real browser: typing part of a school's name without diacritics
/// brings suggestions from the server, choosing one names it under the field, and the new account is saved
/// as that school's account; the clear button empties the choice.
/// </summary>
public sealed class SchoolAccountTests
{
    private const string Password = "Quan-tri-2025!";

    [BrowserFact]
    public async Task An_administrator_makes_an_account_a_schools_account_with_the_organisation_picker()
    {
        await using var site = await LiveSite.StartAsync(new Dictionary<string, string?>
        {
            ["Setup:AdminUserName"] = "quantri",
            ["Setup:AdminEmail"] = "quantri@example.gov.vn",
            ["Setup:AdminPassword"] = Password,
            ["Jobs:PollSeconds"] = "1",
        });
        await using var session = await BrowserSession.StartAsync();
        var context = await session.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add($"{m.Text} at {m.Location}"); };
        page.Response += (_, r) => { if (r.Status >= 500) errors.Add($"{r.Status} {r.Url}"); };
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();

        await page.GotoAsync(site.Url("/login"));
        await page.FillAsync("#UserName", "quantri");
        await page.FillAsync("#Password", Password);
        await page.ClickAsync("form button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("/admin"));

        // The sample directory.
        await page.GotoAsync(site.Url("/admin/recipes"));
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("form:has(input[name=name][value='directory-sample']) button[type=submit]"));

        await page.GotoAsync(site.Url("/admin/users/create"));
        await page.FillAsync("#UserName", "th-phuloi-1");
        await page.FillAsync("#Email", "th-phuloi-1@example.edu.vn");
        await page.FillAsync("#Password", "Truong-hoc-2025!");
        const string label = "Trường Tiểu học Phú Lợi (TH-PHULOI)";
        await page.FillAsync("#OrganisationSearch", "phu loi");
        await page.WaitForSelectorAsync($"#organisation-suggestions option[value='{label}']", new() { State = WaitForSelectorState.Attached });
        Assert.Equal("Chưa chọn: hãy chọn một đơn vị trong danh sách gợi ý.", await page.InnerTextAsync("[data-organisation-chosen]"));
        // Choosing a suggestion puts its text in the box, as the browser's list does.
        await page.FillAsync("#OrganisationSearch", label);
        Assert.Equal(label, await page.InnerTextAsync("[data-organisation-chosen]"));
        Assert.NotEqual("", await page.InputValueAsync("#OrganisationId"));

        // The clear button empties the choice; choosing again restores it.
        await page.ClickAsync("[data-organisation-clear]");
        Assert.Equal("", await page.InputValueAsync("#OrganisationId"));
        Assert.Equal("Không có", await page.InnerTextAsync("[data-organisation-chosen]"));
        await page.FillAsync("#OrganisationSearch", "phu loi");
        await page.WaitForSelectorAsync($"#organisation-suggestions option[value='{label}']", new() { State = WaitForSelectorState.Attached });
        await page.FillAsync("#OrganisationSearch", label);

        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync("button.primary[type=submit]"));
        Assert.Matches("/admin/users/[0-9a-f-]+$", page.Url);
        Assert.Equal(label, await page.InputValueAsync("#OrganisationSearch"));
        Assert.Equal(label, await page.InnerTextAsync("[data-organisation-chosen]"));

        await using (var scope = site.Services.CreateAsyncScope())
        {
            var school = await scope.ServiceProvider.GetRequiredService<IRecipientDirectory>().GetOrganisationByCodeAsync("TH-PHULOI");
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var claims = await users.GetClaimsAsync((await users.FindByNameAsync("th-phuloi-1"))!);
            Assert.Equal(SiteClaims.FormatOrganisation(school!.Id), Assert.Single(claims, c => c.Type == SiteClaims.Organisation).Value);
        }

        await page.GotoAsync(site.Url("/admin/users"));
        Assert.Contains(label, await page.InnerTextAsync("main"));
        Assert.Empty(errors);
    }
}
