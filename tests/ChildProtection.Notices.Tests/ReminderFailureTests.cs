using ChildProtection.Mail;
using ChildProtection.Notices.Acknowledgement;
using ChildProtection.Notices.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ChildProtection.Notices.Tests.AuthoringForms;

namespace ChildProtection.Notices.Tests;

/// <summary>A reminder the mail server cannot take: recorded on the row, the round given back for a later run, summarised in the audit trail.</summary>
public sealed class ReminderFailureTests(AuthoringSite site) : IClassFixture<AuthoringSite>
{
    [Fact]
    public async Task A_failed_reminder_is_recorded_on_the_row_and_tried_again_later()
    {
        var id = await CreateDraftAsync(site.Sender, "801/UBND-LĐTBXH");
        var rows = await site.SeedLedgerAsync(id, NoticeStatus.Completed, DateTime.UtcNow.AddDays(1), ("khong-toi@truong.edu.vn", DeliveryStatus.Sent, false));
        // A mail server that refuses connections: port 1 on loopback has nobody listening.
        await site.WithServicesAsync(async sp =>
        {
            await sp.GetRequiredService<SmtpSettingsService>().SaveAsync(new SmtpSettings { Host = "127.0.0.1", Port = 1, TlsMode = SmtpTlsMode.None, SenderAddress = "vanthu@ldtbxh.example.gov.vn", TimeoutSeconds = 5 }, null);
            return 0;
        });

        var result = await site.WithServicesAsync(sp => sp.GetRequiredService<ReminderJob>().RunAsync(CancellationToken.None));

        Assert.Equal(0, result.Sent);
        Assert.Equal(1, result.Failed);
        var row = await site.WithDbAsync(db => db.NoticeRecipients.AsNoTracking().FirstAsync(r => r.Id == rows[0].Id));
        // Still delivered: the reminder's failure is the row's history, not its state.
        Assert.Equal(DeliveryStatus.Sent, row.Status);
        Assert.Null(row.LastError);
        var history = await site.WithDbAsync(db => db.NoticeDeliveryAttempts.AsNoTracking().Where(a => a.RecipientId == row.Id).ToListAsync());
        Assert.StartsWith("Reminder 1:", Assert.Single(history).Detail);
        Assert.Equal(0, row.RemindersSent);
        Assert.NotNull(row.LastReminderUtc);
        var summary = await site.WithDbAsync(db => db.NoticeEvents.AsNoTracking().SingleAsync(e => e.NoticeId == id && e.Action == "ReminderSent"));
        Assert.Equal("sent=0 failed=1", summary.Detail);
        Assert.Contains("Đã gửi thư nhắc", await site.Sender.GetStringAsync($"/admin/notices/{id}"));
    }
}
