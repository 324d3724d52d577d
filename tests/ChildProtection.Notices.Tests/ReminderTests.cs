using ChildProtection.Notices.Acknowledgement;
using ChildProtection.Notices.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static ChildProtection.Notices.Tests.AuthoringForms;

namespace ChildProtection.Notices.Tests;

/// <summary>The reminder run, called as Hangfire would call it, on the whole site with mail going to the outbox.</summary>
public sealed class ReminderTests(AuthoringSite site) : IClassFixture<AuthoringSite>
{
    private Task<ReminderJob.RunResult> RunAsync() => site.WithServicesAsync(sp => sp.GetRequiredService<ReminderJob>().RunAsync(CancellationToken.None));

    private List<MimeMessage> RemindersOf(int noticeId) =>
        (Directory.Exists(site.Outbox) ? Directory.GetFiles(site.Outbox, "*.eml") : [])
            .Select(f => MimeMessage.Load(f)).Where(m => m.MessageId != null && m.MessageId.StartsWith($"notice-{noticeId}.", StringComparison.Ordinal) && m.MessageId.Contains(".reminder-")).ToList();

    [Fact]
    public async Task Reminders_go_only_to_sent_rows_not_acknowledged_and_a_second_run_sends_nothing_more()
    {
        var id = await CreateDraftAsync(site.Sender, "501/UBND-LĐTBXH");
        // Deadline in two days, reminders from three days before: due now.
        var rows = await site.SeedLedgerAsync(id, NoticeStatus.Completed, DateTime.UtcNow.AddDays(2),
            ("chua-xac-nhan-1@truong.edu.vn", DeliveryStatus.Sent, false),
            ("chua-xac-nhan-2@truong.edu.vn", DeliveryStatus.Sent, false),
            ("da-xac-nhan@truong.edu.vn", DeliveryStatus.Sent, true),
            ("loi@truong.edu.vn", DeliveryStatus.Failed, false),
            ("dang-cho@truong.edu.vn", DeliveryStatus.Queued, false));

        var first = await RunAsync();

        var mails = RemindersOf(id);
        Assert.Equal(["chua-xac-nhan-1@truong.edu.vn", "chua-xac-nhan-2@truong.edu.vn"], mails.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.All(mails, m => Assert.StartsWith("[Nhắc lại] ", m.Subject));
        Assert.All(mails, m => Assert.Matches(@"\.reminder-1\.[0-9a-f]{32}@treem\.example\.gov\.vn$", m.MessageId));
        Assert.All(mails, m => Assert.Contains("https://treem.example.gov.vn/cong-van/xac-nhan/", m.TextBody));
        Assert.True(first.Sent >= 2);
        var ledger = await site.WithDbAsync(db => db.NoticeRecipients.AsNoTracking().Where(r => r.NoticeId == id).ToDictionaryAsync(r => r.Email));
        Assert.Equal(1, ledger["chua-xac-nhan-1@truong.edu.vn"].RemindersSent);
        Assert.NotNull(ledger["chua-xac-nhan-1@truong.edu.vn"].LastReminderUtc);
        Assert.Equal(0, ledger["da-xac-nhan@truong.edu.vn"].RemindersSent);
        Assert.Equal(0, ledger["loi@truong.edu.vn"].RemindersSent);
        Assert.Equal(0, ledger["dang-cho@truong.edu.vn"].RemindersSent);
        Assert.Equal(1, await site.WithDbAsync(db => db.NoticeEvents.CountAsync(e => e.NoticeId == id && e.Action == "ReminderSent")));

        await RunAsync();

        Assert.Equal(2, RemindersOf(id).Count);
        Assert.Equal(1, await site.WithDbAsync(db => db.NoticeRecipients.Where(r => r.Id == rows[0].Id).Select(r => r.RemindersSent).FirstAsync()));
    }

    [Fact]
    public async Task Two_runs_at_once_remind_each_row_once()
    {
        var id = await CreateDraftAsync(site.Sender, "502/UBND-LĐTBXH");
        await site.SeedLedgerAsync(id, NoticeStatus.Sending, DateTime.UtcNow.AddDays(1),
            Enumerable.Range(1, 30).Select(i => ($"truong{i}@so-gd.edu.vn", DeliveryStatus.Sent, false)).ToArray());

        await Task.WhenAll(RunAsync(), RunAsync());

        var mails = RemindersOf(id);
        Assert.Equal(30, mails.Count);
        Assert.Equal(30, mails.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());
        Assert.Equal(30, await site.WithDbAsync(db => db.NoticeRecipients.CountAsync(r => r.NoticeId == id && r.RemindersSent == 1)));
    }

    [Fact]
    public async Task Nothing_is_sent_before_the_reminder_window_or_for_a_draft()
    {
        var early = await CreateDraftAsync(site.Sender, "503/UBND-LĐTBXH");
        await site.SeedLedgerAsync(early, NoticeStatus.Completed, DateTime.UtcNow.AddDays(20), ("som@truong.edu.vn", DeliveryStatus.Sent, false));
        var draft = await CreateDraftAsync(site.Sender, "504/UBND-LĐTBXH");
        await site.SeedLedgerAsync(draft, NoticeStatus.Draft, DateTime.UtcNow.AddDays(1), ("nhap@truong.edu.vn", DeliveryStatus.Sent, false));

        await RunAsync();

        Assert.Empty(RemindersOf(early));
        Assert.Empty(RemindersOf(draft));
    }
}
