using System.Globalization;
using ChildProtection.Core.Jobs;
using ChildProtection.Core.Settings;
using ChildProtection.Mail;
using ChildProtection.Notices.Authoring;
using ChildProtection.Notices.Data;
using ChildProtection.Notices.Messages;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Notices.Acknowledgement;

/// <summary>
/// Reminds recipients who have not acknowledged (or, when the notice asks for a reply, not replied): from <see cref="Notice.ReminderDaysBefore"/> days before
/// the deadline, at most <see cref="Notice.MaxReminders"/> times, at least a day apart. Recurring Hangfire
/// work that may run on several nodes at once: each row is claimed by a conditional UPDATE on its reminder
/// count before anything is sent, so two runs never remind the same row for the same round.
/// </summary>
public sealed class ReminderJob(NoticesDbContext db, NoticeMessageComposer composer, RecipientWards wards, IMailSender mail, ISiteSettingsService site, TimeProvider clock, ILogger<ReminderJob> logger)
{
    public const string RecurringJobId = "notices-reminders";
    private static readonly TimeSpan MinimumGap = TimeSpan.FromHours(24);
    private const int BatchSize = 200;

    public sealed record RunResult(int Sent, int Failed);

    /// <summary>
    /// On the fast lane, over a batch (one SMTP connection) of its own: reminders must not wait hours behind a
    /// bulk send whose lanes hold the ordinary workers. The attribute decides the queue of every run, the
    /// recurring ones included (Hangfire 1.8 applies it when the job is enqueued, whoever enqueues it).
    /// </summary>
    [Queue(JobQueues.Fast)]
    public async Task<RunResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var settings = await site.GetAsync(cancellationToken);
        var candidates = await db.Notices.AsNoTracking()
            .Where(n => (n.Status == NoticeStatus.Sending || n.Status == NoticeStatus.Completed) && n.ResponseDeadlineUtc != null && n.MaxReminders > 0)
            .Select(n => new { n.Id, n.ResponseDeadlineUtc, n.ReminderDaysBefore })
            .ToListAsync(cancellationToken);
        int sent = 0, failed = 0;
        foreach (var c in candidates)
        {
            var deadline = c.ResponseDeadlineUtc!.Value;
            // From N days before the deadline until the links stop working.
            if (now < deadline.AddDays(-c.ReminderDaysBefore) || now > deadline + AcknowledgementTokens.GracePeriod) continue;
            var result = await RemindAsync(c.Id, now, settings, cancellationToken);
            sent += result.Sent; failed += result.Failed;
        }
        return new RunResult(sent, failed);
    }

    private async Task<RunResult> RemindAsync(int noticeId, DateTime now, SiteSettings settings, CancellationToken cancellationToken)
    {
        var notice = await db.Notices.AsNoTracking().Include(n => n.Attachments).FirstAsync(n => n.Id == noticeId, cancellationToken);
        var linkBase = notice.LinkBaseUrl ?? settings.BaseUrl ?? "http://localhost";
        var gapStart = now - MinimumGap;
        // A notice that asks for a reply also reminds the units that acknowledged but have not replied, until
        // the deadline (after it the form is closed and such a reminder would be no use).
        var awaitsReplies = now <= notice.ResponseDeadlineUtc && await db.NoticeReplyFields.AnyAsync(f => f.NoticeId == noticeId, cancellationToken);
        var replied = awaitsReplies
            ? (await db.NoticeReplies.Where(x => x.NoticeId == noticeId).Select(x => x.OrganisationId).Distinct().ToListAsync(cancellationToken)).ToHashSet()
            : [];
        int sent = 0, failed = 0;
        long afterId = 0;
        await using var batch = await mail.OpenBatchAsync(cancellationToken);
        while (true)
        {
            var due = await db.NoticeRecipients.AsNoTracking()
                .Where(r => r.NoticeId == noticeId && r.Id > afterId && r.Status == DeliveryStatus.Sent
                    && (r.AcknowledgedUtc == null || (awaitsReplies && !db.NoticeReplies.Any(x => x.NoticeId == noticeId && x.OrganisationId == r.OrganisationId)))
                    && r.RemindersSent < notice.MaxReminders && (r.LastReminderUtc == null || r.LastReminderUtc <= gapStart))
                .OrderBy(r => r.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (due.Count == 0) break;
            afterId = due[^1].Id;
            if (composer.UsesWard(notice)) await wards.LoadAsync(due.Select(r => r.OrganisationId), cancellationToken);
            foreach (var row in due)
            {
                var n = row.RemindersSent;
                // The claim: whoever moves the count from n to n+1 sends reminder n+1; anybody else finds nothing to update.
                var awaitingReply = awaitsReplies && !replied.Contains(row.OrganisationId);
                var claimed = await db.NoticeRecipients
                    .Where(r => r.Id == row.Id && r.RemindersSent == n && (r.AcknowledgedUtc == null || awaitingReply) && (r.LastReminderUtc == null || r.LastReminderUtc <= gapStart))
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.RemindersSent, n + 1).SetProperty(r => r.LastReminderUtc, now), cancellationToken);
                if (claimed == 0) continue;
                await composer.PrepareAsync(notice, cancellationToken);
                var message = composer.Compose(notice, NoticeAddressee.From(row, wards.For(row.OrganisationId)), awaitingReply ? NoticeMessageKind.ReplyReminder : NoticeMessageKind.Reminder, settings, linkBase, n + 1);
                var outcome = await batch.SendAsync(message, cancellationToken);
                if (outcome.IsSent) { sent++; continue; }
                failed++;
                var error = string.Create(CultureInfo.InvariantCulture, $"Reminder {n + 1}: {outcome.ServerReply}");
                if (error.Length > 1000) error = error[..1000];
                // The round is given back so a later run tries again (not before the gap has passed). The row
                // stays delivered: the failure is its history, not its state.
                if (await db.NoticeRecipients.Where(r => r.Id == row.Id && r.RemindersSent == n + 1)
                        .ExecuteUpdateAsync(s => s.SetProperty(r => r.RemindersSent, n), cancellationToken) == 1)
                    db.NoticeDeliveryAttempts.Add(new NoticeDeliveryAttempt { NoticeId = noticeId, RecipientId = row.Id, AtUtc = now, Attempt = row.Attempts, Detail = error });
            }
        }
        if (sent + failed > 0)
        {
            // With the reminders' failures added above.
            NoticeAudit.Add(db, noticeId, "system", "ReminderSent", string.Create(CultureInfo.InvariantCulture, $"sent={sent} failed={failed}"), now);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Notice {NoticeId}: {Sent} reminders sent, {Failed} failed", noticeId, sent, failed);
        }
        return new RunResult(sent, failed);
    }
}
