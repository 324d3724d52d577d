using System.Globalization;
using ChildProtection.Core.Settings;
using ChildProtection.Notices.Data;
using ChildProtection.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Notices.Delivery;

/// <summary>
/// <see cref="INoticeDelivery"/>: writes the ledger and drives the notice's delivery states. Every change of
/// state is one conditional UPDATE with its audit event, so repeated clicks, retried jobs and several nodes
/// change a notice once.
/// </summary>
public sealed class NoticeDelivery(
    NoticesDbContext db, DeliveryLedger ledger, IRecipientDirectory directory, ISiteSettingsService siteSettings,
    DeliverySettingsService settingsService, NoticeStatusWriter statusWriter, LaneLauncher launcher, TimeProvider clock,
    ILogger<NoticeDelivery> logger) : INoticeDelivery
{
    /// <summary>Statuses a notice may start sending from (approval is checked separately).</summary>
    private static readonly NoticeStatus[] Startable = [NoticeStatus.Draft, NoticeStatus.AwaitingApproval, NoticeStatus.Scheduled];

    public Task<DeliveryCommandResult> StartAsync(int noticeId, string actor, string linkBaseUrl, CancellationToken cancellationToken = default) =>
        StartCoreAsync(noticeId, actor, linkBaseUrl, fromSchedule: false, cancellationToken);

    /// <summary>The scheduled job's entry: starts with the actor and link base saved when it was scheduled.</summary>
    internal async Task<DeliveryCommandResult> StartScheduledAsync(int noticeId, CancellationToken cancellationToken)
    {
        var saved = await db.Notices.AsNoTracking().Where(n => n.Id == noticeId).Select(n => new { n.Status, n.SentBy, n.LinkBaseUrl }).FirstOrDefaultAsync(cancellationToken);
        if (saved is null || saved.Status != NoticeStatus.Scheduled || saved.SentBy is null) return DeliveryCommandResult.Refused(DeliveryErrors.NotScheduled);
        return await StartCoreAsync(noticeId, saved.SentBy, saved.LinkBaseUrl ?? "", fromSchedule: true, cancellationToken);
    }

    private async Task<DeliveryCommandResult> StartCoreAsync(int noticeId, string actor, string linkBaseUrl, bool fromSchedule, CancellationToken cancellationToken)
    {
        var notice = await db.Notices.AsNoTracking().Include(n => n.Targets).FirstOrDefaultAsync(n => n.Id == noticeId, cancellationToken);
        if (notice is null) return DeliveryCommandResult.Refused(DeliveryErrors.NotFound);
        // Already started: a second click or a retried job is a no-op, never a second ledger.
        if (notice.Status is NoticeStatus.Sending or NoticeStatus.Paused or NoticeStatus.Completed) return DeliveryCommandResult.Ok();
        if (notice.Status == NoticeStatus.Cancelled) return DeliveryCommandResult.Refused(DeliveryErrors.Cancelled);
        if (!Startable.Contains(notice.Status)) return DeliveryCommandResult.Refused(DeliveryErrors.NotStartable);
        if (notice.RequiresApproval && (string.IsNullOrWhiteSpace(notice.ApprovedBy) || string.Equals(notice.ApprovedBy, notice.CreatedBy, StringComparison.OrdinalIgnoreCase)))
            return DeliveryCommandResult.Refused(DeliveryErrors.NotApproved);
        if (notice.Targets.Count == 0) return DeliveryCommandResult.Refused(DeliveryErrors.NoTargets);
        var link = string.IsNullOrWhiteSpace(linkBaseUrl) ? notice.LinkBaseUrl : linkBaseUrl.Trim().TrimEnd('/');

        var now = clock.GetUtcNow().UtcDateTime;
        if (!fromSchedule && notice.ScheduledUtc is { } at && at > now.AddSeconds(1))
        {
            if (notice.Status == NoticeStatus.Scheduled && notice.SentBy is not null) return DeliveryCommandResult.Ok();
            var scheduled = await statusWriter.TransitionAsync(noticeId, [notice.Status], NoticeStatus.Scheduled, actor, DeliveryActions.SendScheduled,
                at.ToString("O", CultureInfo.InvariantCulture), s => s.SetProperty(n => n.SentBy, actor).SetProperty(n => n.LinkBaseUrl, link), cancellationToken);
            if (!scheduled) return await AfterLostRaceAsync(noticeId, cancellationToken);
            launcher.ScheduleStart(noticeId, at);
            return DeliveryCommandResult.Ok();
        }
        if (fromSchedule && notice.ScheduledUtc is { } later && later > now.AddSeconds(1))
        {
            // Rescheduled after the job was made: come back then.
            launcher.ScheduleStart(noticeId, later);
            return DeliveryCommandResult.Ok();
        }

        // Whom it goes to is decided on the day it is sent, in the site's time zone.
        var site = await siteSettings.GetAsync(cancellationToken);
        var today = DateOnly.FromDateTime(SiteTime.From(site).ToLocal(now));
        var selection = new RecipientSelection(
            notice.Targets.Where(t => t.Kind == NoticeTargetKind.Group).Select(t => t.TargetId).ToList(),
            notice.Targets.Where(t => t.Kind == NoticeTargetKind.Organisation).Select(t => t.TargetId).ToList());
        var refused = await directory.FindRefusedAsync(selection, today, cancellationToken);
        var refusedDirectly = refused.Where(r => r.ViaGroupId is null).ToList();
        if (refusedDirectly.Count > 0)
            return DeliveryCommandResult.Refused(DeliveryErrors.InvalidOrganisations) with
            {
                Detail = string.Join("; ", refusedDirectly.Select(r => r.SuccessorName is null ? $"{r.Code} {r.Name}" : $"{r.Code} {r.Name} → {r.SuccessorName}")),
            };

        var settings = await settingsService.GetAsync(cancellationToken);
        int written;
        await using (var tx = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // The status change comes first: it takes the notice's row (PostgreSQL) or the write lock (SQLite),
            // so a concurrent start waits here and then finds nothing to change. Its event is written once the
            // ledger's size is known, in the same transaction.
            var started = await statusWriter.TransitionAsync(noticeId, [notice.Status], NoticeStatus.Sending, actor, DeliveryActions.SendStarted, null,
                s => s.SetProperty(n => n.SentBy, actor).SetProperty(n => n.LinkBaseUrl, link).SetProperty(n => n.SendingStartedUtc, now),
                cancellationToken, recordEvent: false);
            if (!started)
            {
                await tx.RollbackAsync(cancellationToken);
                return await AfterLostRaceAsync(noticeId, cancellationToken);
            }
            // The addresses stream from the directory into the ledger: memory stays flat whatever the notice's
            // size. The ledger's unique (notice, address) key removes duplicates, keeping the first occurrence.
            (written, var offered) = await ledger.InsertRecipientsAsync(noticeId, directory.StreamRecipientsAsync(selection, today, cancellationToken), cancellationToken);
            if (written == 0)
            {
                await tx.RollbackAsync(cancellationToken);
                return DeliveryCommandResult.Refused(DeliveryErrors.NoRecipients);
            }
            await db.Notices.Where(n => n.Id == noticeId).ExecuteUpdateAsync(s => s.SetProperty(n => n.RecipientCount, written), cancellationToken);
            var detail = string.Create(CultureInfo.InvariantCulture, $"recipients={written} duplicatesRemoved={offered - written}")
                + (refused.Count > 0 ? "; skipped (no longer valid, in a fixed group): " + string.Join(", ", refused.Select(r => r.Code)) : "");
            await statusWriter.AddEventAsync(noticeId, actor, DeliveryActions.SendStarted, detail, cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        logger.LogInformation("Notice {NoticeId}: ledger of {Count} recipients written by {Actor}", noticeId, written, actor);
        launcher.EnqueueLanes(noticeId, settings.Connections);
        return DeliveryCommandResult.Ok(written);
    }

    private async Task<DeliveryCommandResult> AfterLostRaceAsync(int noticeId, CancellationToken cancellationToken)
    {
        var status = await db.Notices.AsNoTracking().Where(n => n.Id == noticeId).Select(n => (NoticeStatus?)n.Status).FirstOrDefaultAsync(cancellationToken);
        return status is NoticeStatus.Sending or NoticeStatus.Paused or NoticeStatus.Completed or NoticeStatus.Scheduled
            ? DeliveryCommandResult.Ok()
            : DeliveryCommandResult.Refused(DeliveryErrors.ChangedMeanwhile);
    }

    public async Task<DeliveryCommandResult> PauseAsync(int noticeId, string actor, CancellationToken cancellationToken = default)
    {
        // Lanes see the change at their next check (within one flush) and hand their unsent rows back.
        if (await statusWriter.TransitionAsync(noticeId, [NoticeStatus.Sending], NoticeStatus.Paused, actor, DeliveryActions.Paused, null, null, cancellationToken))
            return DeliveryCommandResult.Ok();
        return await StatusIsAsync(noticeId, NoticeStatus.Paused, cancellationToken) ? DeliveryCommandResult.Ok() : DeliveryCommandResult.Refused(DeliveryErrors.NotSending);
    }

    public async Task<DeliveryCommandResult> ResumeAsync(int noticeId, string actor, CancellationToken cancellationToken = default)
    {
        if (!await statusWriter.TransitionAsync(noticeId, [NoticeStatus.Paused], NoticeStatus.Sending, actor, DeliveryActions.Resumed, null, null, cancellationToken))
            return await StatusIsAsync(noticeId, NoticeStatus.Sending, cancellationToken) ? DeliveryCommandResult.Ok() : DeliveryCommandResult.Refused(DeliveryErrors.NotPaused);
        launcher.EnqueueLanes(noticeId, (await settingsService.GetAsync(cancellationToken)).Connections);
        return DeliveryCommandResult.Ok();
    }

    public async Task<DeliveryCommandResult> CancelAsync(int noticeId, string actor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        int affected;
        await using (var tx = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (!await statusWriter.TransitionAsync(noticeId, [NoticeStatus.Scheduled, NoticeStatus.Sending, NoticeStatus.Paused], NoticeStatus.Cancelled, actor,
                    DeliveryActions.Cancelled, null, s => s.SetProperty(n => n.CancelledUtc, now), cancellationToken))
            {
                await tx.RollbackAsync(cancellationToken);
                return await StatusIsAsync(noticeId, NoticeStatus.Cancelled, cancellationToken) ? DeliveryCommandResult.Ok() : DeliveryCommandResult.Refused(DeliveryErrors.NotCancellable);
            }
            // Rows in a lane's hands are cancelled too; if the lane did get one out, its outcome still says Sent.
            affected = await db.NoticeRecipients
                .Where(r => r.NoticeId == noticeId && (r.Status == DeliveryStatus.Queued || r.Status == DeliveryStatus.Sending))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, DeliveryStatus.Cancelled).SetProperty(r => r.NextAttemptUtc, (DateTime?)null), cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        return DeliveryCommandResult.Ok(affected);
    }

    public async Task<DeliveryCommandResult> ResendFailedAsync(int noticeId, string actor, CancellationToken cancellationToken = default)
    {
        var status = await db.Notices.AsNoTracking().Where(n => n.Id == noticeId).Select(n => (NoticeStatus?)n.Status).FirstOrDefaultAsync(cancellationToken);
        if (status is null) return DeliveryCommandResult.Refused(DeliveryErrors.NotFound);
        if (status is not (NoticeStatus.Sending or NoticeStatus.Paused or NoticeStatus.Completed)) return DeliveryCommandResult.Refused(DeliveryErrors.NotStarted);
        int affected;
        bool running;
        await using (var tx = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            affected = await db.NoticeRecipients
                .Where(r => r.NoticeId == noticeId && (r.Status == DeliveryStatus.Failed || r.Status == DeliveryStatus.Bounced))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, DeliveryStatus.Queued).SetProperty(r => r.Attempts, 0)
                    .SetProperty(r => r.NextAttemptUtc, (DateTime?)null), cancellationToken);
            if (affected == 0)
            {
                await tx.RollbackAsync(cancellationToken);
                return DeliveryCommandResult.Refused(DeliveryErrors.NothingFailed);
            }
            var detail = affected.ToString(CultureInfo.InvariantCulture);
            // A completed notice is sending again; a paused one stays paused until resumed.
            if (!await statusWriter.TransitionAsync(noticeId, [NoticeStatus.Completed], NoticeStatus.Sending, actor, DeliveryActions.ResendFailed, detail,
                    s => s.SetProperty(n => n.CompletedUtc, (DateTime?)null), cancellationToken))
                await statusWriter.AddEventAsync(noticeId, actor, DeliveryActions.ResendFailed, detail, cancellationToken);
            running = await StatusIsAsync(noticeId, NoticeStatus.Sending, cancellationToken);
            await tx.CommitAsync(cancellationToken);
        }
        if (running) launcher.EnqueueLanes(noticeId, (await settingsService.GetAsync(cancellationToken)).Connections);
        return DeliveryCommandResult.Ok(affected);
    }

    public async Task<DeliveryProgress> GetProgressAsync(int noticeId, CancellationToken cancellationToken = default)
    {
        var status = await db.Notices.AsNoTracking().Where(n => n.Id == noticeId).Select(n => n.Status).FirstOrDefaultAsync(cancellationToken);
        // One grouped query for every count.
        var counts = await db.NoticeRecipients.AsNoTracking().Where(r => r.NoticeId == noticeId).GroupBy(r => r.Status)
            .Select(g => new { Status = g.Key, Count = g.Count(), Acknowledged = g.Count(r => r.AcknowledgedUtc != null) })
            .ToListAsync(cancellationToken);
        int C(DeliveryStatus s) => counts.Where(c => c.Status == s).Sum(c => c.Count);
        return new DeliveryProgress(status, counts.Sum(c => c.Count), C(DeliveryStatus.Queued), C(DeliveryStatus.Sending), C(DeliveryStatus.Sent),
            C(DeliveryStatus.Failed), C(DeliveryStatus.Bounced), C(DeliveryStatus.Cancelled), counts.Sum(c => c.Acknowledged));
    }

    private Task<bool> StatusIsAsync(int noticeId, NoticeStatus status, CancellationToken cancellationToken) =>
        db.Notices.AsNoTracking().AnyAsync(n => n.Id == noticeId && n.Status == status, cancellationToken);
}

/// <summary>Why a delivery command was refused: English resource keys (Resources/DeliveryText.vi.resx translates them).</summary>
public static class DeliveryErrors
{
    public const string NotFound = "The notice does not exist.";
    public const string Cancelled = "The notice was cancelled.";
    public const string NotStartable = "The notice cannot be sent in its present state.";
    public const string NotApproved = "The notice must be approved by someone other than its author before it is sent.";
    public const string NoTargets = "Choose at least one group or organisation to send the notice to.";
    public const string InvalidOrganisations = "Some organisations chosen no longer exist as units; choose their successors instead.";
    public const string NoRecipients = "The groups and organisations chosen have no e-mail address.";
    public const string ChangedMeanwhile = "The notice was changed by someone else meanwhile; reload the page and try again.";
    public const string NotSending = "The notice is not being sent.";
    public const string NotPaused = "The notice is not paused.";
    public const string NotCancellable = "Only a notice that is scheduled, being sent or paused can be cancelled.";
    public const string NotStarted = "The notice has not been sent yet.";
    public const string NothingFailed = "No recipient has failed: there is nothing to send again.";
    public const string NotScheduled = "The notice is not scheduled.";
}
