using System.Net;
using System.Text.RegularExpressions;
using ChildProtection.Notices.Data;
using ChildProtection.Organisations;
using ChildProtection.Web.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static ChildProtection.Notices.Tests.AuthoringForms;

namespace ChildProtection.Notices.Tests;

/// <summary>
/// The whole path on the real directory (the directory-sample recipe): a notice to "all primary schools",
/// the ward merged away refused with its successor, sent through delivery to the outbox, one school
/// opening its link from the mail it received and acknowledging, and the report counting it.
/// </summary>
public sealed class AuthoringRealDirectoryTests(SetUpSite site) : IClassFixture<SetUpSite>
{
    private async Task<IReadOnlyList<RecipientGroupInfo>> GroupsAsync()
    {
        var applied = await site.Admin.PostFormAsync("/admin/recipes?handler=Apply", new() { ["name"] = "directory-sample" }, "/admin/recipes");
        Assert.True(applied.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"Applying the recipe answered {(int)applied.StatusCode}");
        using var scope = site.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IRecipientDirectory>().ListGroupsAsync();
    }

    [Fact]
    public async Task A_notice_to_all_primary_schools_is_delivered_acknowledged_from_the_mail_and_reported()
    {
        var groups = await GroupsAsync();
        var primary = groups.Single(g => g.Name == "Tất cả trường tiểu học");
        using (var scope = site.Factory.Services.CreateScope())
        {
            var directory = scope.ServiceProvider.GetRequiredService<IRecipientDirectory>();
            var oldWard = (await directory.FindOrganisationsAsync("P-PHUCUONG", 5)).Single(o => o.Code == "P-PHUCUONG");
            var refused = ValidDraft("701/UBND-LĐTBXH");
            refused.Add(new("Input.OrganisationIds", oldWard.Id.ToString()));
            var response = await PostDraftAsync(site.Admin, refused);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Contains("nay là Phường Thủ Dầu Một", await response.Content.ReadAsStringAsync());
        }

        var id = await CreateDraftAsync(site.Admin, "702/UBND-LĐTBXH", [("Kế hoạch.pdf", Pdf())], f => f.Set("Input.GroupIds", primary.Id.ToString()));
        var details = await site.Admin.GetStringAsync($"/admin/notices/{id}");
        Assert.Contains("6 địa chỉ e-mail (0 trùng lặp đã gộp)", details);
        var version = await WithDbAsync(db => db.Notices.Where(n => n.Id == id).Select(n => n.Version).FirstAsync());

        var sent = await site.Admin.PostFormAsync($"/admin/notices/{id}?handler=Send", new() { ["version"] = version.ToString(), ["when"] = "now" }, $"/admin/notices/{id}");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await WithDbAsync(db => db.Notices.Where(n => n.Id == id).Select(n => n.Status).FirstAsync()) != NoticeStatus.Completed && DateTime.UtcNow < deadline)
            await Task.Delay(250);
        Assert.Equal(NoticeStatus.Completed, await WithDbAsync(db => db.Notices.Where(n => n.Id == id).Select(n => n.Status).FirstAsync()));

        var outbox = Path.Combine(site.Factory.DataPath, "outbox");
        var mails = Directory.GetFiles(outbox, "*.eml").Select(f => MimeMessage.Load(f)).Where(m => m.MessageId?.StartsWith($"notice-{id}.") == true).ToList();
        Assert.Equal(6, mails.Count);
        var mail = mails.Single(m => m.To.Mailboxes.Single().Address == "thphuloi@example.edu.vn");
        var link = Regex.Match(mail.TextBody, @"https?://\S+/cong-van/xac-nhan/(\S+)").Groups[1].Value;
        Assert.NotEmpty(link);

        using var school = site.Factory.CreateSiteClient();
        var page = await school.GetStringAsync("/cong-van/xac-nhan/" + link);
        Assert.Contains("Trường Tiểu học Phú Lợi", page);
        var acknowledged = await school.PostFormAsync("/cong-van/xac-nhan/" + link, new() { ["Name"] = "Nguyễn Thị Lan" });
        Assert.Contains("Cảm ơn", await acknowledged.Content.ReadAsStringAsync());

        var report = await site.Admin.GetStringAsync($"/admin/notices/{id}/report");
        Assert.Contains("data-count=\"Sent\">6<", report);
        Assert.Contains("data-count=\"acknowledged\">1<", report);
        Assert.Contains("Nguyễn Thị Lan", report);
    }

    private async Task<T> WithDbAsync<T>(Func<NoticesDbContext, Task<T>> work)
    {
        using var scope = site.Factory.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<NoticesDbContext>());
    }
}
