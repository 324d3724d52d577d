using System.Net;
using System.Security.Claims;
using System.Text.Json;
using ChildProtection.Core.Security;
using ChildProtection.Library.Data;
using ChildProtection.Organisations;
using ChildProtection.Web.Tests;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Library.Tests;

/// <summary>
/// Issue 4's "per school when the downloader is signed in as a school user", end to end: an administrator
/// makes an account a school's account in the users admin (the "Đơn vị" field, real form posts with the
/// form's antiforgery token), the account signs in and downloads, and the download report and its CSV
/// count the download for that school by name. The directory is the directory-sample recipe.
/// </summary>
public sealed class SchoolAccountAdminTests(LibrarySite site) : IClassFixture<LibrarySite>
{
    private const string Password = "Truong-hoc-2025!";
    private IServiceProvider Services => site.Factory.Services;

    private async Task<OrganisationInfo> SchoolAsync(string code)
    {
        var applied = await site.Admin.PostFormAsync("/admin/recipes?handler=Apply", new() { ["name"] = "directory-sample" }, "/admin/recipes");
        Assert.True(applied.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"Applying the recipe answered {(int)applied.StatusCode}");
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IRecipientDirectory>().GetOrganisationByCodeAsync(code)
            ?? throw new Xunit.Sdk.XunitException($"The sample directory has no {code}.");
    }

    private async Task<(Core.Contents.ContentItem Resource, string Url)> PosterAsync(string title)
    {
        var file = await LibrarySeed.StoreAsync(Services, TestFiles.Pdf(2, "To roi"), title + ".pdf");
        var resource = await LibrarySeed.ResourceAsync(Services, title, "leaflet", [("Bản in A4 (PDF)", file.Id)]);
        return (resource, $"/{resource.Path}/tai-ve/ban-in-a4-pdf");
    }

    private static Dictionary<string, string> NewUser(string userName, string? organisationId, string? search) => new()
    {
        ["UserName"] = userName, ["Email"] = $"{userName}@example.edu.vn", ["Password"] = Password,
        ["OrganisationId"] = organisationId ?? "", ["OrganisationSearch"] = search ?? "",
    };

    private async Task<string> CreateAsync(Dictionary<string, string> fields)
    {
        var response = await site.Admin.PostFormAsync("/admin/users/create", fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Creating the user answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/admin/users/", location);
        return location["/admin/users/".Length..];
    }

    /// <summary>The Save form of the user page, with its e-mail (and no role changes) as the page shows them.</summary>
    private Task<HttpResponseMessage> SaveAsync(string userId, string email, string? organisationId, string? search) =>
        site.Admin.PostFormAsync($"/admin/users/{userId}?handler=Save",
            new() { ["Email"] = email, ["OrganisationId"] = organisationId ?? "", ["OrganisationSearch"] = search ?? "" }, $"/admin/users/{userId}");

    private async Task<int?> ClaimOfAsync(string userId)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Users.Data.User>>();
        var user = await users.FindByIdAsync(userId) ?? throw new Xunit.Sdk.XunitException("No such user.");
        var claims = (await users.GetClaimsAsync(user)).Where(c => c.Type == SiteClaims.Organisation).ToList();
        Assert.True(claims.Count <= 1, "An account speaks for one organisation at most.");
        return claims.Count == 0 ? null : int.Parse(claims[0].Value);
    }

    private async Task<SiteClient> SignInAsync(string userName)
    {
        var client = site.Factory.CreateSiteClient();
        await client.SignInAsync(userName, Password);
        return client;
    }

    [Fact]
    public async Task An_account_made_a_schools_account_in_the_admin_has_its_download_reported_for_that_school_by_name()
    {
        var school = await SchoolAsync("TH-PHULOI");

        // The picker's server-side search: part of the name without diacritics.
        var suggestions = JsonDocument.Parse(await site.Admin.GetStringAsync("/admin/users/create?handler=Organisations&q=phu loi")).RootElement;
        var suggestion = suggestions.EnumerateArray().Single(o => o.GetProperty("id").GetInt32() == school.Id);
        Assert.Equal("Trường Tiểu học Phú Lợi (TH-PHULOI)", suggestion.GetProperty("label").GetString());
        using (var visitor = site.Anonymous())
            Assert.NotEqual(HttpStatusCode.OK, (await visitor.Http.GetAsync("/admin/users/create?handler=Organisations&q=phu")).StatusCode);

        // The create form carries the field and its script.
        var form = await site.Admin.GetStringAsync("/admin/users/create");
        Assert.Contains("name=\"OrganisationId\"", form);
        Assert.Contains("name=\"OrganisationSearch\"", form);
        Assert.Contains("organisation-field.js", form);
        Assert.Contains("Đơn vị", form);

        // As the page's script posts it once a suggestion is chosen: the id, and the label in the box.
        var userId = await CreateAsync(NewUser("th-phuloi-vanthu", school.Id.ToString(), suggestion.GetProperty("label").GetString()));
        Assert.Equal(school.Id, await ClaimOfAsync(userId));

        var page = await site.Admin.GetStringAsync($"/admin/users/{userId}");
        Assert.Contains("value=\"Trường Tiểu học Phú Lợi (TH-PHULOI)\"", page);
        Assert.Contains($"data-current-id=\"{school.Id}\"", page);
        var list = await site.Admin.GetStringAsync("/admin/users?q=th-phuloi");
        Assert.Contains("th-phuloi-vanthu", list);
        Assert.Contains("Trường Tiểu học Phú Lợi (TH-PHULOI)", list);
        var audit = await site.Admin.GetStringAsync("/admin/audit?item=th-phuloi-vanthu");
        Assert.Contains("Thay đổi đơn vị của người dùng", audit);
        Assert.Contains("— → Trường Tiểu học Phú Lợi (TH-PHULOI)", audit);

        var (resource, url) = await PosterAsync("Tờ rơi phòng chống xâm hại cho trường");
        using (var teacher = await SignInAsync("th-phuloi-vanthu"))
            Assert.Equal(HttpStatusCode.OK, (await teacher.Http.GetAsync(url)).StatusCode);
        using (var visitor = site.Anonymous())
            Assert.Equal(HttpStatusCode.OK, (await visitor.Http.GetAsync(url)).StatusCode);

        var rows = await WaitForAsync(resource.ContentItemId, total: 2);
        Assert.Equal(1, rows.Where(r => r.OrganisationId == school.Id).Sum(r => r.Count));
        Assert.Equal(1, rows.Where(r => r.OrganisationId == 0).Sum(r => r.Count)); // the anonymous download counts for no school

        var report = await site.Admin.GetStringAsync("/admin/library/report");
        Assert.Contains("<td>Trường Tiểu học Phú Lợi (TH-PHULOI)</td><td>Tờ rơi phòng chống xâm hại cho trường</td><td>1</td>", report);
        var csv = await (await site.Admin.Http.GetAsync("/admin/library/report?handler=Csv")).Content.ReadAsStringAsync();
        Assert.Contains("\"Tờ rơi phòng chống xâm hại cho trường\",\"Trường Tiểu học Phú Lợi (TH-PHULOI)\",1\r\n", csv);
        Assert.Contains("\"Tờ rơi phòng chống xâm hại cho trường\",\"(không đăng nhập là trường)\",1\r\n", csv);
        Assert.DoesNotContain($"Đơn vị #{school.Id}", csv);
    }

    [Fact]
    public async Task An_unknown_organisation_is_refused_with_a_message_and_nothing_is_saved()
    {
        var school = await SchoolAsync("THCS-PHUHOA");

        var refused = await site.Admin.PostFormAsync("/admin/users/create", NewUser("khong-co-don-vi", "999999", "Trường ma (X-000)"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Không có đơn vị số 999999 trong danh bạ", await refused.Content.ReadAsStringAsync());
        var typed = await site.Admin.PostFormAsync("/admin/users/create", NewUser("khong-co-don-vi", null, "Trường không có thật"));
        Assert.Contains("Không có đơn vị nào trong danh bạ khớp với “Trường không có thật”", await typed.Content.ReadAsStringAsync());
        await using (var scope = Services.CreateAsyncScope())
            Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<Users.Data.User>>().FindByNameAsync("khong-co-don-vi"));

        var userId = await CreateAsync(NewUser("thcs-phuhoa-1", school.Id.ToString(), school.Label));
        var edited = await SaveAsync(userId, "doi-thu@example.edu.vn", "-5", school.Label);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var html = await edited.Content.ReadAsStringAsync();
        Assert.Contains("Không có đơn vị số -5 trong danh bạ", html);
        Assert.Equal(school.Id, await ClaimOfAsync(userId));
        await using (var scope = Services.CreateAsyncScope())
            Assert.Equal("thcs-phuhoa-1@example.edu.vn", (await scope.ServiceProvider.GetRequiredService<UserManager<Users.Data.User>>().FindByIdAsync(userId))!.Email);
    }

    [Fact]
    public async Task The_organisation_can_be_changed_by_code_and_cleared_and_a_cleared_account_counts_for_no_school()
    {
        var first = await SchoolAsync("MN-HOAMAI");
        var second = await SchoolAsync("TH-CHANHHIEP");
        var userId = await CreateAsync(NewUser("giao-vien-doi-truong", first.Id.ToString(), first.Label));
        var email = "giao-vien-doi-truong@example.edu.vn";

        // Without the page's script the box alone decides: a code is enough.
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(userId, email, null, "th-chanhhiep")).StatusCode);
        Assert.Equal(second.Id, await ClaimOfAsync(userId));
        // Saving the page as shown keeps it.
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(userId, email, null, second.Label)).StatusCode);
        Assert.Equal(second.Id, await ClaimOfAsync(userId));
        // An empty box (the script also empties the hidden id) clears it.
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(userId, email, null, null)).StatusCode);
        Assert.Null(await ClaimOfAsync(userId));
        Assert.DoesNotContain("Trường Tiểu học Chánh Hiệp", await site.Admin.GetStringAsync("/admin/users?q=giao-vien-doi-truong"));
        var audit = await site.Admin.GetStringAsync("/admin/audit?item=giao-vien-doi-truong");
        Assert.Contains("Trường Mầm non Hoa Mai (MN-HOAMAI) → Trường Tiểu học Chánh Hiệp (TH-CHANHHIEP)", audit);
        Assert.Contains("Trường Tiểu học Chánh Hiệp (TH-CHANHHIEP) → —", audit);

        var (resource, url) = await PosterAsync("Áp phích số điện thoại 111");
        using (var teacher = await SignInAsync("giao-vien-doi-truong"))
            Assert.Equal(HttpStatusCode.OK, (await teacher.Http.GetAsync(url)).StatusCode);
        var rows = await WaitForAsync(resource.ContentItemId, total: 1);
        Assert.All(rows, r => Assert.Equal(0, r.OrganisationId));
        var csv = await (await site.Admin.Http.GetAsync("/admin/library/report?handler=Csv")).Content.ReadAsStringAsync();
        Assert.Contains("\"Áp phích số điện thoại 111\",\"(không đăng nhập là trường)\",1\r\n", csv);
    }

    [Fact]
    public async Task The_sign_in_carries_the_claim_the_admin_set()
    {
        var school = await SchoolAsync("THPT-BINHPHU");
        var userId = await CreateAsync(NewUser("thpt-binhphu-1", school.Id.ToString(), school.Label));
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Users.Data.User>>();
        var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<Users.Data.User>>();
        var principal = await factory.CreateAsync((await users.FindByIdAsync(userId))!);
        Assert.Equal(school.Id, SiteClaims.OrganisationOf(principal));
        Assert.Equal(0, SiteClaims.OrganisationOf(new ClaimsPrincipal(new ClaimsIdentity())));
    }

    private async Task<List<DownloadDay>> WaitForAsync(string resourceId, long total)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            await using var scope = Services.CreateAsyncScope();
            var rows = await scope.ServiceProvider.GetRequiredService<LibraryDbContext>().Downloads.AsNoTracking().Where(d => d.ResourceId == resourceId).ToListAsync();
            if (rows.Sum(r => r.Count) >= total) return rows;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"The downloads of {resourceId} never reached {total}.");
    }
}
