using ChildProtection.Notices.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Notices.Delivery;

/// <summary>
/// Brings delivery back after a process died or a job was lost. Rows left in Sending are resolved
/// deliberately: at start-up, those claimed by this same node under an earlier process are known
/// orphans and are queued again at once; anyone's rows whose lease ran out are queued again too. Of
/// those, only the row each dead lane had on the wire is marked possibly doubled ("may have been
/// delivered once already"): SMTP's own window of one unrecorded acceptance per connection. Then notices in Sending with rows due and fewer lanes at work than configured (none, or some
/// lost with a node that died) get the missing lanes, and scheduled notices whose time has passed are started.
/// </summary>
public sealed class DeliveryRecovery(
    NoticesDbContext db, DeliveryNode node, NoticeStatusWriter statusWriter, LaneLauncher launcher, DeliverySettingsService settingsService,
    IServiceProvider services, TimeProvider clock, ILogger<DeliveryRecovery> logger)
{
    public const string InterruptedByRestart = "Interrupted by a restart; may have been delivered once already.";
    public const string LeaseExpired = "The sending process stopped answering; may have been delivered once already.";
    public const string NotHandedOver = "Claimed by a lane that stopped before handing them to the mail server; queued again.";

    /// <summary>Longer than a lane takes between writing one round and claiming the next.</summary>
    private static readonly TimeSpan LaneGapGrace = TimeSpan.FromSeconds(2);

    public async Task RunAsync(bool atStartup, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (atStartup)
        {
            var nodePrefix = node.NodePrefix;
            var instancePrefix = node.InstancePrefix;
            await RequeueAsync(r => r.Status == DeliveryStatus.Sending && r.ClaimedBy != null
                && r.ClaimedBy.StartsWith(nodePrefix) && !r.ClaimedBy.StartsWith(instancePrefix), InterruptedByRestart, cancellationToken);
        }
        await RequeueAsync(r => r.Status == DeliveryStatus.Sending && (r.ClaimExpiresUtc == null || r.ClaimExpiresUtc < now), LeaseExpired, cancellationToken);

        // Scheduled notices whose job was lost (a storage wiped, a node gone at the time).
        var overdue = await db.Notices.AsNoTracking()
            .Where(n => n.Status == NoticeStatus.Scheduled && n.SentBy != null && n.ScheduledUtc != null && n.ScheduledUtc <= now.AddMinutes(-1))
            .Select(n => n.Id).ToListAsync(cancellationToken);
        // Resolved only when needed: starting needs the directory, recovering the ledger does not.
        foreach (var id in overdue) await services.GetRequiredService<NoticeDelivery>().StartScheduledAsync(id, cancellationToken);

        var settings = await settingsService.GetAsync(cancellationToken);
        var sending = await db.Notices.AsNoTracking().Where(n => n.Status == NoticeStatus.Sending).Select(n => n.Id).ToListAsync(cancellationToken);
        var missing = new Dictionary<int, int>();
        foreach (var id in sending)
            if (await MissingLanesAsync(id, settings.Connections, cancellationToken) is > 0 and var m) missing[id] = m;
        if (missing.Count == 0) return;
        if (!atStartup)
        {
            // A live lane always holds rows under a lease, except for the moment between two rounds: look
            // again a little later and add only what both looks found missing, so a lane caught between
            // rounds is not doubled. (A doubled lane would only share the rows; this keeps the connection
            // count as configured.)
            await Task.Delay(LaneGapGrace, clock, cancellationToken);
            foreach (var id in missing.Keys.ToList())
            {
                var again = await MissingLanesAsync(id, settings.Connections, cancellationToken);
                if (again > 0) missing[id] = Math.Min(missing[id], again);
                else missing.Remove(id);
            }
        }
        foreach (var (id, count) in missing)
        {
            logger.LogInformation("Notice {NoticeId}: rows due and {Count} of its {Lanes} lanes not at work; starting {Count} lanes", id, count, settings.Connections, count);
            launcher.EnqueueLanes(id, count);
        }
    }

    /// <summary>
    /// How many lanes the notice lacks: the configured number less those holding rows under a live lease,
    /// when rows are due (none otherwise). Lanes lost with a node that died are replaced this way even while
    /// another node's lanes go on. Completes the notice instead when nothing is left (its last lane died
    /// between writing the last row and completing).
    /// </summary>
    private async Task<int> MissingLanesAsync(int noticeId, int wanted, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = db.NoticeRecipients.AsNoTracking().Where(r => r.NoticeId == noticeId);
        var live = await rows.Where(r => r.Status == DeliveryStatus.Sending && r.ClaimExpiresUtc > now).Select(r => r.ClaimedBy).Distinct().CountAsync(cancellationToken);
        if (live >= wanted) return 0;
        if (await rows.AnyAsync(r => r.Status == DeliveryStatus.Queued && (r.NextAttemptUtc == null || r.NextAttemptUtc <= now), cancellationToken)) return wanted - live;
        if (live == 0 && !await rows.AnyAsync(r => r.Status == DeliveryStatus.Queued || r.Status == DeliveryStatus.Sending, cancellationToken))
            await statusWriter.CompleteAsync(noticeId, cancellationToken);
        // Only rows waiting for their back-off: the lane that backed off scheduled itself; if that job was
        // lost, the rows become due and the next watchdog run starts lanes.
        return 0;
    }

    /// <summary>
    /// Queues the rows again. Only a row that was on the wire (<see cref="NoticeRecipient.OnWireSinceUtc"/>) may
    /// have reached the server without its acceptance being written — at most one per lane that died: it is
    /// marked possibly doubled and carries <paramref name="reason"/>. The lane's other rows were claimed but
    /// never handed over, and go back as they were.
    /// </summary>
    private async Task RequeueAsync(System.Linq.Expressions.Expression<Func<NoticeRecipient, bool>> which, string reason, CancellationToken cancellationToken)
    {
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        var perNotice = await db.NoticeRecipients.Where(which).GroupBy(r => r.NoticeId)
            .Select(g => new { NoticeId = g.Key, Count = g.Count(), OnWire = g.Count(r => r.OnWireSinceUtc != null) }).ToListAsync(cancellationToken);
        if (perNotice.Count == 0) return;
        var rows = db.NoticeRecipients.Where(which);
        await rows.Where(r => r.OnWireSinceUtc != null).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, DeliveryStatus.Queued).SetProperty(r => r.ClaimedBy, (string?)null)
            .SetProperty(r => r.ClaimExpiresUtc, (DateTime?)null).SetProperty(r => r.NextAttemptUtc, (DateTime?)null)
            .SetProperty(r => r.OnWireSinceUtc, (DateTime?)null).SetProperty(r => r.PossiblyDoubled, true)
            .SetProperty(r => r.LastError, reason), cancellationToken);
        await rows.ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, DeliveryStatus.Queued).SetProperty(r => r.ClaimedBy, (string?)null)
            .SetProperty(r => r.ClaimExpiresUtc, (DateTime?)null).SetProperty(r => r.NextAttemptUtc, (DateTime?)null), cancellationToken);
        foreach (var n in perNotice)
        {
            logger.LogWarning("Notice {NoticeId}: {Count} rows left in sending were queued again, {OnWire} of them possibly doubled ({Reason})", n.NoticeId, n.Count, n.OnWire, reason);
            if (n.OnWire > 0)
                await statusWriter.AddEventAsync(n.NoticeId, NoticeStatusWriter.SystemActor, DeliveryActions.Recovered, $"{n.OnWire}: {reason}", cancellationToken);
            if (n.Count > n.OnWire)
                await statusWriter.AddEventAsync(n.NoticeId, NoticeStatusWriter.SystemActor, DeliveryActions.Recovered, $"{n.Count - n.OnWire}: {NotHandedOver}", cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
    }
}

/// <summary>The recurring "notice-delivery-watchdog" job: every minute, on any node, safe when several run at once.</summary>
public sealed class DeliveryWatchdogJob(DeliveryRecovery recovery)
{
    public const string RecurringJobId = "notice-delivery-watchdog";

    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync(CancellationToken cancellationToken) => recovery.RunAsync(atStartup: false, cancellationToken);
}
