using System.Globalization;
using System.Text;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Jobs;
using ChildProtection.Core.Settings;
using ChildProtection.Events.Data;
using ChildProtection.Events.Parts;
using ChildProtection.Mail;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Events.Registration;

/// <summary>
/// Sends the registrants' e-mails promised in <see cref="EventMail"/> rows through the Mail module (the
/// outbox folder when no SMTP server is set). Safe on several nodes at once: a row is claimed by a
/// conditional update (Queued → Sending, or a claim older than the lease); a transient failure is retried
/// with back-off, a permanent one is recorded. Each message keeps one Message-ID across retries.
/// </summary>
public sealed class EventMailJob(
    EventsDbContext db,
    IMailSender mail,
    IContentManager contents,
    ISiteSettingsService settings,
    ISiteIdentity identity,
    RegistrationTokens tokens,
    TimeProvider clock,
    IStringLocalizer<EventsText> T,
    ILogger<EventMailJob> logger)
{
    public const string RecurringJobId = "events-registration-mail";
    public const int MaxAttempts = 8;
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    /// <summary>
    /// On the fast lane (the kick after a registration and the minute sweep alike: the attribute decides the
    /// queue whoever enqueues the run), so a registrant's confirmation never waits behind a bulk notice send;
    /// each message goes over a connection of its own (<see cref="IMailSender.SendAsync"/>).
    /// </summary>
    [Queue(JobQueues.Fast)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var site = await settings.GetAsync(cancellationToken);
        var culture = site.GetCulture();
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        var runner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        if (runner.Length > 100) runner = runner[^100..];
        var sent = 0;
        long afterId = 0;
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var stale = now - Lease;
            var due = await db.Mails.AsNoTracking()
                .Where(m => m.Id > afterId && ((m.Status == EventMailStatus.Queued && m.NextAttemptUtc <= now)
                    || (m.Status == EventMailStatus.Sending && m.ClaimedUtc < stale)))
                .OrderBy(m => m.Id).Take(50).ToListAsync(cancellationToken);
            if (due.Count == 0) break;
            afterId = due[^1].Id;
            foreach (var row in due)
            {
                var claimed = await db.Mails.Where(m => m.Id == row.Id && m.Status == row.Status && m.ClaimedUtc == row.ClaimedUtc)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, EventMailStatus.Sending)
                        .SetProperty(m => m.ClaimedBy, runner).SetProperty(m => m.ClaimedUtc, now), cancellationToken);
                if (claimed == 0) continue;
                if (await SendOneAsync(row, site, runner, cancellationToken)) sent++;
            }
        }
        return sent;
    }

    private async Task<bool> SendOneAsync(EventMail row, SiteSettings site, string runner, CancellationToken cancellationToken)
    {
        var registration = await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == row.RegistrationId, cancellationToken);
        var entry = registration is null ? null : await db.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.ContentItemId == registration.EventId, cancellationToken);
        if (registration is null || entry is null)
        {
            await FinishAsync(row.Id, runner, EventMailStatus.Failed, row.Attempts, "registration or event gone", null);
            return false;
        }
        MailMessageSpec message;
        try { message = await ComposeAsync(row, registration, entry, site, cancellationToken); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Composing event mail {Id} failed", row.Id);
            await FinishAsync(row.Id, runner, EventMailStatus.Failed, row.Attempts + 1, Cut(ex.Message), null);
            return false;
        }
        MailResult result;
        try { result = await mail.SendAsync(message, cancellationToken); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Event mail {Id} failed", row.Id);
            result = MailResult.Transient(ex.Message);
        }
        var attempts = row.Attempts + 1;
        if (result.IsSent)
        {
            await FinishAsync(row.Id, runner, EventMailStatus.Sent, attempts, null, null);
            return true;
        }
        var retry = result.Outcome == MailOutcome.TransientFailure && attempts < MaxAttempts;
        var next = clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(Math.Min(240, Math.Pow(3, attempts - 1)));
        await FinishAsync(row.Id, runner, retry ? EventMailStatus.Queued : EventMailStatus.Failed, attempts, Cut(result.ServerReply ?? result.Outcome.ToString()), retry ? next : null);
        return false;
    }

    private async Task FinishAsync(long id, string runner, EventMailStatus status, int attempts, string? error, DateTime? nextAttempt)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Mails.Where(m => m.Id == id && m.ClaimedBy == runner).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, status)
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.LastError, error)
            .SetProperty(m => m.SentUtc, status == EventMailStatus.Sent ? now : null)
            .SetProperty(m => m.NextAttemptUtc, m => nextAttempt ?? m.NextAttemptUtc)
            .SetProperty(m => m.ClaimedBy, (string?)null)
            .SetProperty(m => m.ClaimedUtc, (DateTime?)null), CancellationToken.None);
    }

    private async Task<MailMessageSpec> ComposeAsync(EventMail row, EventRegistration registration, EventEntry entry, SiteSettings site, CancellationToken cancellationToken)
    {
        var time = SiteTime.From(site);
        var baseUrl = (string.IsNullOrWhiteSpace(site.BaseUrl) ? registration.SiteUrl ?? "http://localhost" : site.BaseUrl).TrimEnd('/');
        var eventUrl = $"{baseUrl}/{entry.Path}";
        var manageUrl = $"{baseUrl}{Public.EventRoutes.Manage(tokens.Create(registration.Id))}";
        var item = await contents.GetAsync(entry.ContentItemId, VersionOptions.Published, cancellationToken);
        var data = item is null ? null : EventData.From(item);
        var when = EventTimes.Describe(entry.StartUtc, entry.EndUtc, time);
        var subject = row.Kind switch
        {
            EventMailKind.Confirmed => T["Registration confirmed: {0}", entry.Title],
            EventMailKind.Waiting => T["On the waiting list: {0}", entry.Title],
            EventMailKind.MovedUp => T["A place is free for you: {0}", entry.Title],
            EventMailKind.Cancelled => T["Registration cancelled: {0}", entry.Title],
            _ => T["Event cancelled: {0}", entry.Title],
        };
        var text = new StringBuilder();
        text.Append(T["Hello {0},", registration.ContactName]).Append("\n\n");
        LocalizedString body = row.Kind switch
        {
            EventMailKind.Confirmed => T["The registration of {0} for {1} participants is confirmed.", registration.Organisation, registration.Participants],
            EventMailKind.Waiting => T["The event is full. {0} ({1} participants) is on the waiting list; we will write again as soon as a place is free.", registration.Organisation, registration.Participants],
            EventMailKind.MovedUp => T["A place became free: the registration of {0} for {1} participants is now confirmed.", registration.Organisation, registration.Participants],
            EventMailKind.Cancelled => T["The registration of {0} has been cancelled.", registration.Organisation],
            _ => T["We are sorry: the event has been cancelled. Reason: {0}", data?.CancellationReason ?? "—"],
        };
        text.Append(body.Value).Append("\n\n");
        text.Append(entry.Title).Append('\n');
        text.Append(T["When: {0}", when]).Append('\n');
        if (entry.Venue is not null) text.Append(T["Where: {0}", data?.Address is { } address ? $"{entry.Venue}, {address}" : entry.Venue]).Append('\n');
        text.Append(T["Event page: {0}", eventUrl]).Append('\n');
        if (row.Kind is EventMailKind.Confirmed or EventMailKind.MovedUp)
            text.Append(T["Add it to your calendar: {0}", $"{eventUrl}/{Public.EventRoutes.IcsSegment}"]).Append('\n');
        if (row.Kind is EventMailKind.Confirmed or EventMailKind.Waiting or EventMailKind.MovedUp)
            text.Append('\n').Append(T["If you can no longer come, please cancel so that others can take the places: {0}", manageUrl]).Append('\n');
        text.Append('\n').Append(T["This message was sent by {0} because this address was given when registering.", site.SiteName]).Append('\n');
        var siteId = await identity.GetSiteIdAsync(cancellationToken);
        return new MailMessageSpec
        {
            // The row's id keeps it across retries; the site's id makes it unique among sites (row ids start at 1 everywhere).
            MessageId = string.Create(CultureInfo.InvariantCulture, $"event-mail-{row.Id}.{siteId}@childprotection"),
            To = new MailAddressSpec(registration.Email, registration.ContactName),
            Subject = $"[{site.SiteName}] {subject}",
            TextBody = text.ToString(),
        };
    }

    private static string Cut(string s) => s.Length > 500 ? s[..500] : s;
}
