using System.Net;
using ChildProtection.Notices.Data;
using static ChildProtection.Notices.Tests.AuthoringForms;

namespace ChildProtection.Notices.Tests;

/// <summary>
/// The NoticeSender permission (SendNotices) is needed for every notice page and endpoint, GET and POST:
/// an editor who may use the admin is refused everywhere and changes nothing.
/// </summary>
public sealed class AuthoringPermissionTests(AuthoringSite site) : IClassFixture<AuthoringSite>
{
    [Fact]
    public async Task A_user_without_send_notices_is_refused_on_every_notice_page_and_endpoint()
    {
        var id = await CreateDraftAsync(site.Sender, "301/UBND-LĐTBXH", [("Tệp.pdf", Pdf())]);
        var notice = (await site.FindNoticeAsync("301/UBND-LĐTBXH"))!;
        var attachmentId = notice.Attachments.Single().Id;
        // The editor may open the admin, so a valid antiforgery token is at hand: refusals below are about permission, not the token.
        var adminPage = await site.Editor.Http.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, adminPage.StatusCode);

        string[] gets =
        [
            "/admin/notices", "/admin/notices?status=Draft&q=301", "/admin/notices/edit", $"/admin/notices/edit/{id}",
            "/admin/notices/edit?handler=Organisations&q=Nguy", "/admin/notices/edit?handler=Summary&g=10",
            $"/admin/notices/{id}", $"/admin/notices/{id}?handler=Progress", $"/admin/notices/{id}?handler=File&attachmentId={attachmentId}",
            $"/admin/notices/{id}/preview", $"/admin/notices/{id}/preview?handler=Html",
            $"/admin/notices/{id}/report", $"/admin/notices/{id}/report?handler=Csv", $"/admin/notices/{id}/report?handler=Xlsx",
        ];
        foreach (var url in gets)
        {
            var response = await site.Editor.Http.GetAsync(url);
            AssertRefused(response, "GET " + url);
        }

        string[] posts =
        [
            "/admin/notices/edit", $"/admin/notices/edit/{id}", "/admin/notices/edit?handler=Search", "/admin/notices/edit?handler=Successor&replace=3",
            $"/admin/notices/edit/{id}?handler=RemoveAttachment",
            $"/admin/notices/{id}?handler=Submit", $"/admin/notices/{id}?handler=Approve", $"/admin/notices/{id}?handler=Reject",
            $"/admin/notices/{id}?handler=Test", $"/admin/notices/{id}?handler=Send", $"/admin/notices/{id}?handler=Pause",
            $"/admin/notices/{id}?handler=Resume", $"/admin/notices/{id}?handler=Cancel", $"/admin/notices/{id}?handler=ResendFailed",
        ];
        foreach (var url in posts)
        {
            var response = await site.Editor.PostFormAsync(url, new()
            {
                ["version"] = notice.Version.ToString(), ["attachmentId"] = attachmentId.ToString(), ["reason"] = "x", ["when"] = "now",
                ["Input.Issuer"] = "Kẻ lạ", ["Input.NumberSymbol"] = "1/X", ["Input.Summary"] = "Đổi", ["Input.BodyHtml"] = "<p>x</p>",
                ["Input.DocumentType"] = "Công văn", ["Input.ReminderDaysBefore"] = "3", ["Input.MaxReminders"] = "2", ["Input.Version"] = notice.Version.ToString(),
            }, formPage: "/admin");
            AssertRefused(response, "POST " + url);
        }

        var after = (await site.FindNoticeAsync("301/UBND-LĐTBXH"))!;
        Assert.Equal(notice.Version, after.Version);
        Assert.Equal(NoticeStatus.Draft, after.Status);
        Assert.Single(after.Attachments);
        Assert.Equal(1, site.WithDb(db => db.Notices.Count(n => n.NumberSymbol == "301/UBND-LĐTBXH")));
        Assert.Equal(0, site.WithDb(db => db.Notices.Count(n => n.Issuer == "Kẻ lạ")));
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        using var anonymous = site.Factory.CreateSiteClient();
        var response = await anonymous.Http.GetAsync("/admin/notices");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_menu_shows_notices_to_senders_only()
    {
        Assert.Contains("href=\"/admin/notices\"", await site.Sender.GetStringAsync("/admin"));
        Assert.DoesNotContain("href=\"/admin/notices\"", await site.Editor.GetStringAsync("/admin"));
    }

    private static void AssertRefused(HttpResponseMessage response, string what)
    {
        var refused = response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("access-denied", StringComparison.OrdinalIgnoreCase));
        Assert.True(refused, $"{what} answered {(int)response.StatusCode} {response.Headers.Location}");
    }
}
