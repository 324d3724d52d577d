using System.Globalization;
using ChildProtection.Core.Jobs;
using ChildProtection.Core.Settings;
using ChildProtection.Mail.Bounces;
using ChildProtection.Notices.Authoring;
using ChildProtection.Notices.Data;
using ChildProtection.Organisations;
using Hangfire;
using MailKit;
using MailKit.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Notices.Bounces;

/// <summary>What one poll of the bounce mailbox did; messages not handled stay in the mailbox for a person to look at.</summary>
public sealed record BouncePollResult(int Read, int Bounced, int Delayed, int Duplicates, int Unmatched, int BadSignature, int Unreadable)
{
    public static readonly BouncePollResult Nothing = new(0, 0, 0, 0, 0, 0, 0);
    public int Handled => Bounced + Delayed + Duplicates;
}

/// <summary>
/// Reads the bounce mailbox (IMAP, through the Mail module's settings) every few minutes and records what
/// came back against the ledger: a permanent failure (5.x.x) makes the row Bounced with the server's
/// reason and flags the address as undeliverable in the directory; a temporary one (4.x.x) is written to
/// the row's history and changes nothing else. A bounce is found by the signed tag of its return path, or
/// by the original Message-ID it quotes (which must carry this site's id). Handled messages get a keyword
/// (and \Seen) so no later run reads them again; unmatched ones, bounces with a bad signature and messages
/// that cannot be read are left as they are and counted. Nothing a message contains can stop the run.
/// </summary>
public sealed class BouncePollJob(
    NoticesDbContext db, BounceMailboxSettingsService settingsService, BounceMailbox mailbox, BounceTokens tokens, ISiteIdentity identity,
    IUndeliverableAddresses directory, TimeProvider clock, ILogger<BouncePollJob> logger)
{
    public const string RecurringJobId = "notices-bounces";
    /// <summary>The IMAP keyword of a handled message (Dovecot and most servers allow keywords; without them \Seen alone is used).</summary>
    public const string HandledKeyword = "ChildProtectionBounceHandled";
    /// <summary>At most this many messages a run, so one full mailbox does not hold a worker for long.</summary>
    private const int MaxPerRun = 500;

    // Sends nothing (reads the bounce mailbox), so it stays off the fast lane.
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<BouncePollResult> RunAsync(CancellationToken cancellationToken)
    {
        var settings = await settingsService.GetAsync(cancellationToken);
        if (!settings.IsConfigured) return BouncePollResult.Nothing;
        await tokens.PrepareAsync(cancellationToken);
        var siteId = await identity.GetSiteIdAsync(cancellationToken);

        using var client = await mailbox.ConnectAsync(settings, cancellationToken);
        var folder = await BounceMailbox.OpenFolderAsync(client, settings, FolderAccess.ReadWrite, cancellationToken);
        var keywords = folder.PermanentFlags.HasFlag(MessageFlags.UserDefined);
        var query = keywords ? SearchQuery.NotKeyword(HandledKeyword) : SearchQuery.NotSeen;
        var uids = (await folder.SearchAsync(query, cancellationToken)).Take(MaxPerRun).ToList();

        int bounced = 0, delayed = 0, duplicates = 0, unmatched = 0, badSignature = 0, unreadable = 0;
        foreach (var uid in uids)
        {
            Outcome outcome;
            try
            {
                var message = await folder.GetMessageAsync(uid, cancellationToken);
                outcome = await HandleAsync(BounceParser.Parse(message, settings.BounceAddress), siteId, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // A message MimeKit cannot parse, or a fault of ours on an odd one: leave it, go on with the next.
                logger.LogWarning(e, "Bounce mailbox: could not handle message {Uid}", uid);
                db.ChangeTracker.Clear();
                outcome = Outcome.Unreadable;
            }
            switch (outcome)
            {
                case Outcome.Bounced: bounced++; break;
                case Outcome.Delayed: delayed++; break;
                case Outcome.Duplicate: duplicates++; break;
                case Outcome.BadSignature: badSignature++; continue;
                case Outcome.Unreadable: unreadable++; continue;
                default: unmatched++; continue;
            }
            // Recorded first, flagged after: a crash in between reads the message again, and recording it
            // again changes nothing (the row is Bounced already; a delay is noted once more at worst).
            if (keywords) await folder.AddFlagsAsync(uid, MessageFlags.Seen, new HashSet<string> { HandledKeyword }, true, cancellationToken);
            else await folder.AddFlagsAsync(uid, MessageFlags.Seen, true, cancellationToken);
        }
        await client.DisconnectAsync(true, cancellationToken);
        var result = new BouncePollResult(uids.Count, bounced, delayed, duplicates, unmatched, badSignature, unreadable);
        if (uids.Count > 0)
            logger.LogInformation("Bounce mailbox: {Read} read, {Bounced} bounced, {Delayed} delayed, {Duplicates} already recorded, {Unmatched} unmatched, {Bad} with a bad signature, {Unreadable} unreadable",
                result.Read, result.Bounced, result.Delayed, result.Duplicates, result.Unmatched, result.BadSignature, result.Unreadable);
        return result;
    }

    private enum Outcome { Bounced, Delayed, Duplicate, Unmatched, BadSignature, Unreadable }

    private async Task<Outcome> HandleAsync(BounceFindings found, string siteId, CancellationToken cancellationToken)
    {
        if (found.Kind == BounceKind.None) return Outcome.Unmatched;
        long rowId;
        int? noticeId = null;
        if (found.Tag is { } tag)
        {
            // Our return path with a signature that does not verify: forged or mangled, never trusted.
            if (tokens.Read(tag) is not { } read) return Outcome.BadSignature;
            rowId = read.RecipientId;
        }
        else if (found.MessageReference is { } reference && string.Equals(reference.SiteId, siteId, StringComparison.OrdinalIgnoreCase))
        {
            rowId = reference.RecipientId;
            noticeId = reference.NoticeId;
        }
        else return Outcome.Unmatched;

        var row = await db.NoticeRecipients.AsNoTracking().Where(r => r.Id == rowId && (noticeId == null || r.NoticeId == noticeId))
            .Select(r => new { r.Id, r.NoticeId, r.Email, r.Status, r.Attempts }).FirstOrDefaultAsync(cancellationToken);
        if (row is null) return Outcome.Unmatched;
        var now = clock.GetUtcNow().UtcDateTime;
        var reason = Limit(found.Reason ?? found.Status ?? "Returned by the recipient's server.");

        if (found.Kind == BounceKind.Temporary)
        {
            db.NoticeDeliveryAttempts.Add(new NoticeDeliveryAttempt
            {
                NoticeId = row.NoticeId, RecipientId = row.Id, AtUtc = now, Attempt = row.Attempts,
                Detail = Limit(string.Create(CultureInfo.InvariantCulture, $"Delayed ({found.Status}): {reason}")),
            });
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Delayed;
        }

        if (row.Status == DeliveryStatus.Bounced) return Outcome.Duplicate;
        // Only a delivered row can come back; the update is conditional so two runs change it once.
        var changed = await db.NoticeRecipients.Where(r => r.Id == row.Id && r.Status == DeliveryStatus.Sent)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, DeliveryStatus.Bounced).SetProperty(r => r.LastError, reason), cancellationToken);
        if (changed == 0) return Outcome.Duplicate;
        db.NoticeDeliveryAttempts.Add(new NoticeDeliveryAttempt { NoticeId = row.NoticeId, RecipientId = row.Id, AtUtc = now, Attempt = row.Attempts, Detail = reason });
        NoticeAudit.Add(db, row.NoticeId, "system", "Bounced", Limit(row.Email + ": " + reason, 2000), now);
        await db.SaveChangesAsync(cancellationToken);
        await directory.MarkUndeliverableAsync(row.Email, reason, now, cancellationToken);
        return Outcome.Bounced;
    }

    private static string Limit(string text, int max = 1000) => text.Length > max ? text[..max] : text;
}
