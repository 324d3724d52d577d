using System.Net;
using ChildProtection.Notices.Data;
using Microsoft.EntityFrameworkCore;
using static ChildProtection.Notices.Tests.AuthoringForms;

namespace ChildProtection.Notices.Tests;

/// <summary>A bounce found in the office's own mailbox is recorded from the report; only sent rows can bounce; only senders may do it.</summary>
public sealed class ReportBounceTests(AuthoringSite site) : IClassFixture<AuthoringSite>
{
    [Fact]
    public async Task A_sent_row_can_be_marked_returned_once_with_the_reason_and_the_audit_trail_says_who()
    {
        var id = await CreateDraftAsync(site.Sender, "611/UBND-LĐTBXH");
        var rows = await site.SeedLedgerAsync(id, NoticeStatus.Completed, DateTime.UtcNow.AddDays(5),
            ("tra-ve@truong.edu.vn", DeliveryStatus.Sent, false),
            ("that-bai@truong.edu.vn", DeliveryStatus.Failed, false));
        var sent = rows.Single(r => r.Email == "tra-ve@truong.edu.vn");
        var failed = rows.Single(r => r.Email == "that-bai@truong.edu.vn");
        var report = $"/admin/notices/{id}/report";
        Assert.Contains("Bị trả về?", await site.Sender.GetStringAsync(report));

        var response = await site.Sender.PostFormAsync(report + "?handler=Bounced", new() { ["recipientId"] = sent.Id.ToString(), ["reason"] = "550 5.1.1 Hộp thư không tồn tại" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = await site.WithDbAsync(db => db.NoticeRecipients.AsNoTracking().SingleAsync(r => r.Id == sent.Id));
        Assert.Equal(DeliveryStatus.Bounced, row.Status);
        Assert.Contains("guicongvan", row.LastError);
        Assert.Contains("Hộp thư không tồn tại", row.LastError);
        Assert.Contains("data-count=\"Bounced\">1<", await site.Sender.GetStringAsync(report));
        Assert.True(await site.WithDbAsync(db => db.NoticeEvents.AnyAsync(e => e.NoticeId == id && e.Action == "MarkedBounced" && e.Actor == "guicongvan")));

        // Twice, or a row that was never delivered: nothing changes, and the sender is told why.
        await site.Sender.PostFormAsync(report + "?handler=Bounced", new() { ["recipientId"] = sent.Id.ToString() });
        await site.Sender.PostFormAsync(report + "?handler=Bounced", new() { ["recipientId"] = failed.Id.ToString() });
        Assert.Equal(DeliveryStatus.Failed, (await site.WithDbAsync(db => db.NoticeRecipients.AsNoTracking().SingleAsync(r => r.Id == failed.Id))).Status);
        Assert.Equal(1, await site.WithDbAsync(db => db.NoticeEvents.CountAsync(e => e.NoticeId == id && e.Action == "MarkedBounced")));
    }

    [Fact]
    public async Task Someone_without_SendNotices_cannot_mark_a_row()
    {
        var id = await CreateDraftAsync(site.Sender, "612/UBND-LĐTBXH");
        var rows = await site.SeedLedgerAsync(id, NoticeStatus.Completed, null, ("khac@truong.edu.vn", DeliveryStatus.Sent, false));

        // The editor has the admin panel but not SendNotices: the form page itself refuses, so post with the sender's page token.
        var response = await site.Editor.PostFormAsync($"/admin/notices/{id}/report?handler=Bounced", new() { ["recipientId"] = rows[0].Id.ToString() }, formPage: "/admin");
        Assert.False(response.IsSuccessStatusCode);
        Assert.DoesNotContain("/report", response.Headers.Location?.ToString() ?? "");
        Assert.Equal(DeliveryStatus.Sent, (await site.WithDbAsync(db => db.NoticeRecipients.AsNoTracking().SingleAsync(r => r.Id == rows[0].Id))).Status);
    }
}
