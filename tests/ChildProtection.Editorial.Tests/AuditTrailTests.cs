using System.Net;
using System.Text;
using ChildProtection.Audit;
using ChildProtection.Audit.Data;
using ChildProtection.Audit.Trail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Editorial.Tests;

/// <summary>The audit trail: sign-ins, role and settings changes, content actions; filters, paging, CSV, retention.</summary>
public sealed class AuditTrailTests(EditorialSite site) : IClassFixture<EditorialSite>
{
    private Task<List<AuditEvent>> EventsAsync(string action) =>
        site.WithServicesAsync(sp => sp.GetRequiredService<AuditDbContext>().AuditEvents.AsNoTracking().Where(e => e.Action == action).OrderBy(e => e.Id).ToListAsync());

    [Fact]
    public async Task Sign_ins_that_succeed_and_fail_are_recorded()
    {
        using var client = site.Factory.CreateSiteClient();
        var failed = await client.PostFormAsync("/login", new() { ["UserName"] = "bientapvien", ["Password"] = "sai-mat-khau" });
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        await client.PostFormAsync("/login", new() { ["UserName"] = "nguoi-khong-co", ["Password"] = "sai-mat-khau" });
        await client.SignInAsync("bientapvien", EditorialSite.Password);

        var failures = await EventsAsync(AuditActions.SignInFailed);
        Assert.Contains(failures, e => e.Actor == "bientapvien" && e.Detail == "wrong password");
        Assert.Contains(failures, e => e.Actor == "nguoi-khong-co" && e.Detail == "unknown account");
        Assert.Contains(await EventsAsync(AuditActions.SignedIn), e => e.Actor == "bientapvien");
    }

    [Fact]
    public async Task Role_and_settings_changes_are_recorded_with_what_changed()
    {
        var roles = await site.Admin.GetStringAsync("/admin/roles");
        var roleId = System.Text.RegularExpressions.Regex.Match(roles, "href=\"/admin/roles/([^\"]+)\"[^>]*>\\s*SchoolUser").Groups[1].Value;
        Assert.NotEmpty(roleId);
        var saved = await site.Admin.PostFormAsync($"/admin/roles/{roleId}?handler=Save", new()
        {
            ["Description"] = "Trường học", ["Permissions"] = "ViewContent",
        }, formPage: $"/admin/roles/{roleId}");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var form = new FormUrlEncodedContent([
            new("Description", "Trường học"), new("Permissions", "ViewContent"), new("Permissions", "PreviewContent"),
            new("__RequestVerificationToken", ChildProtection.Web.Tests.SiteClient.TokenIn(await site.Admin.GetStringAsync($"/admin/roles/{roleId}"))!),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, (await site.Admin.Http.PostAsync($"/admin/roles/{roleId}?handler=Save", form)).StatusCode);
        Assert.Contains(await EventsAsync(AuditActions.RoleChanged), e => e.Actor == SiteFactoryAdmin && e.SubjectId == "SchoolUser" && e.Detail == "+ PreviewContent");

        var settings = await site.Admin.PostFormAsync("/admin/settings", new()
        {
            ["siteName"] = "Bảo vệ trẻ em thành phố (thử)", ["timeZone"] = "Asia/Ho_Chi_Minh", ["culture"] = "vi-VN", ["pageSize"] = "10", ["hotline"] = "111",
        });
        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        Assert.Contains(await EventsAsync(AuditActions.SettingsChanged), e => e.Actor == SiteFactoryAdmin && e.Detail!.Contains("SiteName: Bảo vệ trẻ em thành phố → Bảo vệ trẻ em thành phố (thử)"));
    }

    private const string SiteFactoryAdmin = ChildProtection.Web.Tests.SiteFactory.AdminUser;

    [Fact]
    public async Task The_screen_filters_pages_and_exports_csv_that_excel_reads_as_utf8()
    {
        var id = await site.DraftArticleAsync(site.Editor, "Nhật ký: bài về trẻ em & gia đình, \"an toàn\"");
        var page = await site.Admin.GetStringAsync($"/admin/audit?item={id}");
        Assert.Contains("Tạo mới", page);
        Assert.Contains("bientapvien", page);
        Assert.Contains("1 mục", page);

        var byUser = await site.Admin.GetStringAsync("/admin/audit?user=bientapvien&action=Created");
        Assert.Contains("Nhật ký: bài về trẻ em &amp; gia đình", byUser);
        var none = await site.Admin.GetStringAsync("/admin/audit?user=bientapvien&action=Created&from=2020-01-01&to=2020-01-02");
        Assert.Contains("Không có mục nào phù hợp", none);

        var csv = await site.Admin.Http.GetAsync($"/admin/audit?handler=Export&item={id}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("Thời gian,Người thực hiện,Hành động,Đối tượng,Mã đối tượng,Chi tiết,Địa chỉ IP\r\n", text);
        Assert.Contains(",bientapvien,Tạo mới,\"Nhật ký: bài về trẻ em & gia đình, \"\"an toàn\"\"\"," + id + ",v1,", text);

        // Paging: 50 a page, newest first.
        await site.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<AuditDbContext>();
            for (var i = 0; i < 60; i++)
                db.AuditEvents.Add(new AuditEvent { AtUtc = DateTime.UtcNow.AddMinutes(-i), Actor = "trang-test", Category = "Content", Action = "Edited", SubjectId = "x" + i });
            return await db.SaveChangesAsync();
        });
        var first = await site.Admin.GetStringAsync("/admin/audit?user=trang-test");
        Assert.Contains("Trang 1/2", first);
        Assert.Contains(">x0<", first);
        var second = await site.Admin.GetStringAsync("/admin/audit?user=trang-test&page=2");
        Assert.Contains(">x59<", second);
        Assert.DoesNotContain(">x0<", second);
    }

    [Fact]
    public async Task Only_holders_of_the_permission_see_the_trail()
    {
        var refused = await site.Editor.Http.GetAsync("/admin/audit");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/access-denied", refused.Headers.Location!.AbsolutePath);
        var export = await site.Editor.Http.GetAsync("/admin/audit?handler=Export");
        Assert.Equal(HttpStatusCode.Redirect, export.StatusCode);
    }

    [Fact]
    public async Task Retention_is_set_in_the_admin_and_the_purge_deletes_only_older_entries()
    {
        var bad = await site.Admin.PostFormAsync("/admin/audit?handler=Retention", new() { ["retentionDays"] = "5" }, formPage: "/admin/audit");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("Hãy nhập số ngày từ 30 đến 3650", await bad.Content.ReadAsStringAsync());

        var saved = await site.Admin.PostFormAsync("/admin/audit?handler=Retention", new() { ["retentionDays"] = "90" }, formPage: "/admin/audit");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains(await EventsAsync(AuditActions.SettingsChanged), e => e.Detail == "RetentionDays: 730 → 90");

        var deleted = await site.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<AuditDbContext>();
            db.AuditEvents.Add(new AuditEvent { AtUtc = DateTime.UtcNow.AddDays(-91), Actor = "cu", Category = "Content", Action = "Edited", SubjectId = "old" });
            db.AuditEvents.Add(new AuditEvent { AtUtc = DateTime.UtcNow.AddDays(-89), Actor = "cu", Category = "Content", Action = "Edited", SubjectId = "recent" });
            await db.SaveChangesAsync();
            return await sp.GetRequiredService<AuditPurgeJob>().RunAsync(CancellationToken.None);
        });
        Assert.Equal(1, deleted);
        var left = await site.WithServicesAsync(sp => sp.GetRequiredService<AuditDbContext>().AuditEvents.AsNoTracking().Where(e => e.Actor == "cu").Select(e => e.SubjectId).ToListAsync());
        Assert.Equal(["recent"], left);
    }

    [Fact]
    public async Task Deleting_and_restoring_are_recorded()
    {
        var id = await site.DraftArticleAsync(site.Admin, "Bài sẽ xóa rồi khôi phục");
        Assert.Equal(HttpStatusCode.Redirect, (await site.Admin.PostFormAsync($"/admin/content/{id}/edit?handler=Delete", new(), formPage: $"/admin/content/{id}/edit")).StatusCode);
        Assert.Contains(await site.AuditAsync(id), e => e.Action == AuditActions.Removed && e.Actor == SiteFactoryAdmin);
    }
}
