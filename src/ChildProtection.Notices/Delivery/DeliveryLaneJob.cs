using System.Diagnostics;
using ChildProtection.Core.Jobs;
using ChildProtection.Core.Settings;
using ChildProtection.Mail;
using ChildProtection.Notices.Data;
using ChildProtection.Notices.Messages;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Notices.Delivery;

/// <summary>
/// One lane of a notice's delivery: claims due ledger rows a round at a time and sends them over one mail
/// connection held for the whole run, writing each message's outcome before the next message goes out on
/// that connection; the same write marks the next row "on the wire", so after a crash the only row that
/// can have been doubled is known and marked (<see cref="DeliveryLedger.RecordAsync"/>). Hangfire
/// does not retry it (the ledger keeps attempts and back-off per row); running it twice, or on two
/// nodes, only splits the rows between the runs.
/// <para>
/// The rows a lane holds are under a short lease (<see cref="LeaseLength"/>) that a heartbeat renews every
/// <see cref="LeaseRenewal"/> for as long as the lane runs, whatever a single message takes. A node that
/// dies (power, SIGKILL) stops renewing: its rows are free again within the lease, and a lane on another
/// node takes them over (<see cref="DeliveryLedger.ClaimAsync"/> claims rows whose lease ran out) —
/// a lane that finds only rows held by others comes back when the first of those leases ends.
/// </para>
/// </summary>
public sealed class DeliveryLaneJob(
    NoticesDbContext db, DeliveryLedger ledger, DeliverySettingsService settingsService, ISiteSettingsService siteSettings,
    NoticeMessageComposer composer, IMailSender mail, SendingRateLimiter limiter, DeliveryNode node, LaneLauncher launcher,
    NoticeStatusWriter statusWriter, RecipientWards wards, LedgerCheckpoints checkpoints, IServiceScopeFactory scopes, TimeProvider clock, ILogger<DeliveryLaneJob> logger,
    DomainThrottle throttle)
{
    /// <summary>
    /// A pause or cancel is looked for at most this often (and after this many messages): a read between
    /// messages, not one per message.
    /// </summary>
    private static readonly TimeSpan StatusCheckInterval = TimeSpan.FromMilliseconds(200);
    private const int StatusCheckCount = 50;

    /// <summary>
    /// How long rows stay held without a heartbeat: how soon another node takes over the rows of a lane
    /// whose node died. Three renewals fit in it, so a slow database answer does not lose a live lease.
    /// </summary>
    internal static readonly TimeSpan LeaseLength = TimeSpan.FromSeconds(30);
    internal static readonly TimeSpan LeaseRenewal = TimeSpan.FromSeconds(10);

    [Queue(JobQueues.Mail)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(int noticeId, int lane, CancellationToken cancellationToken)
    {
        var settings = await settingsService.GetAsync(cancellationToken);
        // The notice and its attachments are read once per run, not per message.
        var notice = await db.Notices.AsNoTracking().Include(n => n.Attachments).FirstOrDefaultAsync(n => n.Id == noticeId, cancellationToken);
        if (notice is null || notice.Status != NoticeStatus.Sending) return;
        var site = await siteSettings.GetAsync(cancellationToken);
        var linkBase = notice.LinkBaseUrl ?? site.BaseUrl ?? "http://localhost";
        var claimId = node.NewClaimId();
        var gate = throttle.GateFor(settings, claimId);
        var sinceCheck = Stopwatch.StartNew();
        var sentSinceCheck = 0;
        // From the moment a message is handed to the server until its outcome is written: if the lane stops
        // in between, the row on the wire may have gone out, and is released marked possibly doubled.
        var unrecorded = false;
        RowOutcome? pending = null;
        IMailBatch? batch = null;
        using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = HeartbeatAsync(claimId, gate.LimitsAnything, heartbeatStop.Token);
        var checkpointing = checkpoints.RunAsync(heartbeatStop.Token);

        try
        {
            while (true)
            {
                // A pause or cancel is seen here, or between two messages within StatusCheckInterval.
                if (await ledger.StatusAsync(noticeId, cancellationToken) != NoticeStatus.Sending) return;
                var now = clock.GetUtcNow().UtcDateTime;
                var claimed = await ledger.ClaimAsync(noticeId, claimId, settings.ClaimSize, now, now + LeaseLength, cancellationToken);
                if (claimed.Count == 0)
                {
                    if (await NothingDueAsync(noticeId, lane, now, cancellationToken)) return;
                    continue;
                }
                // Connect only when there is something to send; the connection then serves every round.
                batch ??= await mail.OpenBatchAsync(cancellationToken);
                gate.NewRound();
                // One directory read per round, and only for a notice that names the ward.
                if (composer.UsesWard(notice)) await wards.LoadAsync(claimed.Select(r => r.OrganisationId), cancellationToken);
                // Every later row of the round is marked on the wire by the write that records the row before it.
                await ledger.MarkOnWireAsync(claimId, claimed[0].Id, clock.GetUtcNow().UtcDateTime, cancellationToken);
                for (var i = 0; i < claimed.Count; i++)
                {
                    // Per-domain limits (DomainGate): a row whose domain is at its limit goes back for later,
                    // unsent and not counted as an attempt, and the lane goes on with the next row. The turn
                    // holds the domain's connection slot until this iteration ends, after the outcome is written.
                    await using var turn = await gate.EnterAsync(claimed[i].Email, cancellationToken);
                    if (turn.DeferUntil is { } later)
                    {
                        await ledger.DeferAsync(claimId, claimed[i].Id, later, i + 1 < claimed.Count ? claimed[i + 1].Id : null, clock.GetUtcNow().UtcDateTime, cancellationToken);
                        continue;
                    }
                    // (A low rate limit waits here with the row marked: a crash in the wait marks it possibly
                    // doubled although it was not sent — on the safe side, and still one row per connection.)
                    await limiter.WaitAsync(settings.RatePerMinute, cancellationToken);
                    unrecorded = true;
                    pending = await SendOneAsync(batch, notice, claimed[i], site, linkBase, settings, cancellationToken);
                    var goOn = true;
                    if (++sentSinceCheck >= StatusCheckCount || sinceCheck.Elapsed >= StatusCheckInterval)
                    {
                        goOn = await ledger.StatusAsync(noticeId, cancellationToken) == NoticeStatus.Sending;
                        sentSinceCheck = 0;
                        sinceCheck.Restart();
                    }
                    // The outcome is durable before the next message goes out on this connection, and the same
                    // write names that next row: a crash can double at most it, and it is known.
                    var next = goOn && i + 1 < claimed.Count ? claimed[i + 1].Id : (long?)null;
                    await ledger.RecordAsync(claimId, pending.Value, next, clock.GetUtcNow().UtcDateTime, cancellationToken);
                    pending = null;
                    unrecorded = false;
                    if (!goOn) return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The server is shutting down: what was sent is written and the rest released below, so the
            // next start (or another node) goes on from here.
            logger.LogInformation("Delivery lane {Lane} of notice {NoticeId} stopped by shutdown", lane, noticeId);
        }
        finally
        {
            heartbeatStop.Cancel();
            await heartbeat;
            await checkpointing;
            try
            {
                if (pending is { } last)
                {
                    // Sent (or failed) but not written yet: the write failed, or shutdown came in between.
                    await ledger.RecordAsync(claimId, last, null, clock.GetUtcNow().UtcDateTime, CancellationToken.None);
                    unrecorded = false;
                }
            }
            catch (Exception e)
            {
                logger.LogError(e, "Delivery lane {Lane} of notice {NoticeId} could not write its last outcome", lane, noticeId);
            }
            try
            {
                var released = await ledger.ReleaseAsync(claimId, unrecorded, CancellationToken.None);
                if (released > 0) logger.LogInformation("Delivery lane {Lane} of notice {NoticeId} released {Count} unsent rows", lane, noticeId, released);
            }
            catch (Exception e)
            {
                // The rows keep their claim; the start-up recovery or the lease's expiry brings them back.
                logger.LogError(e, "Delivery lane {Lane} of notice {NoticeId} could not release its rows", lane, noticeId);
            }
            if (batch is not null) await batch.DisposeAsync();
        }
    }

    /// <summary>
    /// Renews the lease of every row this lane holds, in a scope of its own (the lane's context is busy with
    /// the rounds), until the lane ends. A failed renewal is logged and tried again at the next beat.
    /// </summary>
    private async Task HeartbeatAsync(string claimId, bool domainSlots, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(LeaseRenewal, clock, stop);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DeliveryLedger>().RenewLeaseAsync(claimId, clock.GetUtcNow().UtcDateTime + LeaseLength, stop);
                // A per-domain connection slot held through a slow message keeps its lease too.
                if (domainSlots) await scope.ServiceProvider.GetRequiredService<DomainThrottle>().RenewAsync(claimId, DomainThrottle.ToMs(clock.GetUtcNow() + LeaseLength), stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not renew the lease of delivery claim {ClaimId}", claimId);
            }
        }
    }

    private async Task<RowOutcome> SendOneAsync(IMailBatch batch, Notice notice, ClaimedRow row, SiteSettings site, string linkBase, DeliverySettings settings, CancellationToken cancellationToken)
    {
        MailResult result;
        try
        {
            await composer.PrepareAsync(notice, cancellationToken);
            var spec = composer.Compose(notice, new NoticeAddressee(row.Id, row.Email, row.ContactName, row.OrganisationName)
                { OrganisationId = row.OrganisationId, OrganisationCode = row.OrganisationCode, Ward = wards.For(row.OrganisationId) }, NoticeMessageKind.Notice, site, linkBase);
            result = await batch.SendAsync(spec, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A missing attachment file or a composing fault: retried like a transient failure, so it ends
            // as Failed with the reason after MaxAttempts instead of stopping the lane over and over.
            logger.LogWarning(e, "Could not send ledger row {RowId} of notice {NoticeId}", row.Id, notice.Id);
            result = MailResult.Transient(e.Message);
        }
        return Outcome(row, result, settings, clock.GetUtcNow().UtcDateTime);
    }

    internal static RowOutcome Outcome(ClaimedRow row, MailResult result, DeliverySettings settings, DateTime now)
    {
        var attempts = row.Attempts + 1;
        var outcome = result.Outcome switch
        {
            MailOutcome.Sent => new RowOutcome(row.Id, DeliveryStatus.Sent, attempts, now, now, null, null, result.ServerReply),
            MailOutcome.PermanentFailure => new RowOutcome(row.Id, DeliveryStatus.Failed, attempts, now, null, null, result.ServerReply ?? "Refused by the mail server.", result.ServerReply),
            _ when attempts >= settings.MaxAttempts => new RowOutcome(row.Id, DeliveryStatus.Failed, attempts, now, null, null,
                $"Gave up after {attempts} attempts: {result.ServerReply}", result.ServerReply),
            _ => new RowOutcome(row.Id, DeliveryStatus.Queued, attempts, now, null, now + settings.BackoffAfter(attempts, Random.Shared.NextDouble()),
                result.ServerReply ?? "Temporary failure.", result.ServerReply),
        };
        return outcome with { KeepEarlierNote = row.LastError is not null };
    }

    /// <summary>
    /// Nothing could be claimed: complete the notice when no row is left to send, come back when the first
    /// backed-off row is due, or end when other lanes hold the remaining rows. True when the run should end.
    /// </summary>
    private async Task<bool> NothingDueAsync(int noticeId, int lane, DateTime now, CancellationToken cancellationToken)
    {
        var open = db.NoticeRecipients.AsNoTracking().Where(r => r.NoticeId == noticeId);
        var anyQueued = await open.AnyAsync(r => r.Status == DeliveryStatus.Queued, cancellationToken);
        if (!anyQueued)
        {
            var held = await open.Where(r => r.Status == DeliveryStatus.Sending)
                .OrderBy(r => r.ClaimExpiresUtc).Select(r => new { r.ClaimExpiresUtc }).FirstOrDefaultAsync(cancellationToken);
            if (held is null)
            {
                await statusWriter.CompleteAsync(noticeId, cancellationToken);
                return true;
            }
            // The last rows are held by other lanes, maybe on a node that died: come back when the first of
            // their leases ends and take over whatever nobody renewed (a live lane will have finished or renewed).
            var leaseEnds = held.ClaimExpiresUtc is { } ends && ends > now ? ends : now;
            launcher.ScheduleLane(noticeId, lane, leaseEnds + TimeSpan.FromSeconds(1));
            return true;
        }
        var firstDue = await open.Where(r => r.Status == DeliveryStatus.Queued && r.NextAttemptUtc != null)
            .OrderBy(r => r.NextAttemptUtc).Select(r => r.NextAttemptUtc).FirstOrDefaultAsync(cancellationToken);
        // Due already (it became due, or another lane just let go of rows): claim again.
        if (firstDue is null || firstDue <= clock.GetUtcNow().UtcDateTime)
        {
            await Task.Delay(50, cancellationToken);
            return false;
        }
        // Due within a moment (a row deferred by a per-domain limit, DomainGate): wait for it here rather than
        // go through the job scheduler, whose polling would leave the limited domain idle for seconds.
        var untilDue = firstDue.Value - clock.GetUtcNow().UtcDateTime;
        if (untilDue <= DomainThrottle.WaitAtMost)
        {
            await Task.Delay(untilDue, clock, cancellationToken);
            return false;
        }
        // Do not sleep in a worker for minutes: end, and be scheduled again for when the row is due.
        launcher.ScheduleLane(noticeId, lane, firstDue.Value);
        return true;
    }
}
