using ChildProtection.Audit;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Jobs;
using ChildProtection.Core.Settings;
using ChildProtection.Editorial.Data;
using ChildProtection.Editorial.Notifications;
using ChildProtection.Editorial.Review;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Editorial.Scheduling;

/// <summary>
/// Carries out every scheduled publication and withdrawal that is due — including those that fell due
/// while the site was down — through the same engine calls a person's click makes (events, cache and
/// search follow). Recurring Hangfire work that may run in several processes at once: each row is
/// claimed by a conditional UPDATE (Pending → Running, or a Running claim older than the lease), so one
/// runner carries it out; a runner that dies mid-row leaves a claim another takes over after the lease,
/// and publishing an already published version changes nothing, so the row is never done twice.
/// </summary>
public sealed class ScheduledPublishingJob(
    EditorialDbContext db,
    IContentManager contents,
    ReviewWorkflow workflow,
    EditorialNotifier notifier,
    IAuditTrail audit,
    ISiteSettingsService settings,
    TimeProvider clock,
    IStringLocalizer<EditorialText> T,
    ILogger<ScheduledPublishingJob> logger)
{
    public const string RecurringJobId = "editorial-scheduled-publishing";
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);
    private const int BatchSize = 50;

    public sealed record RunResult(int Published, int Unpublished, int Skipped);

    /// <summary>
    /// On the fast lane: a page due at nine is published at nine, and the people concerned are told by mail
    /// (<see cref="EditorialNotifier"/>, one connection per message), even while a bulk notice send holds the
    /// ordinary workers. A run is short: at most a few batches of due schedule rows.
    /// </summary>
    [Queue(JobQueues.Fast)]
    public Task<RunResult> RunAsync(CancellationToken cancellationToken) => RunAsync($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}", cancellationToken);

    public async Task<RunResult> RunAsync(string runner, CancellationToken cancellationToken)
    {
        if (runner.Length > 100) runner = runner[..100];
        // No request here to carry a culture: notifications and thread entries are written in the site's language.
        SiteCulture.Apply(await settings.GetAsync(cancellationToken));
        int published = 0, unpublished = 0, skipped = 0;
        long afterId = 0;
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var staleBefore = now - Lease;
            var due = await db.PublishSchedules.AsNoTracking()
                .Where(s => s.Id > afterId && s.DueUtc <= now
                    && (s.Status == ScheduleStatus.Pending || (s.Status == ScheduleStatus.Running && s.ClaimedUtc < staleBefore)))
                .OrderBy(s => s.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (due.Count == 0) break;
            afterId = due[^1].Id;
            foreach (var row in due)
            {
                var claimed = await db.PublishSchedules
                    .Where(s => s.Id == row.Id && s.Status == row.Status && s.ClaimedUtc == row.ClaimedUtc)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, ScheduleStatus.Running)
                        .SetProperty(x => x.ClaimedBy, runner).SetProperty(x => x.ClaimedUtc, now), cancellationToken);
                if (claimed == 0) continue; // another runner has it
                var (status, outcome) = await CarryOutAsync(row, cancellationToken);
                await db.PublishSchedules.Where(s => s.Id == row.Id && s.ClaimedBy == runner)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, status).SetProperty(x => x.Outcome, outcome)
                        .SetProperty(x => x.CompletedUtc, clock.GetUtcNow().UtcDateTime), CancellationToken.None);
                if (status == ScheduleStatus.Done && row.Action == ScheduledAction.Publish) published++;
                else if (status == ScheduleStatus.Done) unpublished++;
                else skipped++;
            }
        }
        if (published + unpublished + skipped > 0)
            logger.LogInformation("Scheduled publishing by {Runner}: {Published} published, {Unpublished} taken off, {Skipped} skipped", runner, published, unpublished, skipped);
        return new RunResult(published, unpublished, skipped);
    }

    private async Task<(ScheduleStatus, string)> CarryOutAsync(PublishSchedule row, CancellationToken cancellationToken)
    {
        var latest = await contents.GetAsync(row.ContentItemId, VersionOptions.Latest, cancellationToken);
        if (latest is null) return (ScheduleStatus.Skipped, "item gone");
        if (row.Action == ScheduledAction.Unpublish)
        {
            var ok = await workflow.RetireAsync(row.ContentItemId, row.RetireAs ?? RetirementKind.Withdrawn, row.Reason ?? "", row.SuccessorPath, row.RequestedBy, cancellationToken);
            return ok ? (ScheduleStatus.Done, "unpublished") : (ScheduleStatus.Skipped, "not published");
        }
        if (row.VersionId is not null && latest.ContentItemVersionId != row.VersionId)
        {
            await RecordSkipAsync(row, latest, "changed after approval", cancellationToken);
            return (ScheduleStatus.Skipped, "changed after approval");
        }
        // The same call as the Publish button: events, cache invalidation and search indexing follow.
        var result = await contents.PublishAsync(row.ContentItemId, row.RequestedBy, cancellationToken);
        if (!result.Succeeded) return (ScheduleStatus.Pending, "conflict; retried on the next run");
        if (result.Unchanged) return (ScheduleStatus.Done, "already published");
        db.ReviewComments.Add(new ReviewComment
        {
            ContentItemId = row.ContentItemId, Author = row.RequestedBy, Kind = ReviewEventKind.Published,
            Text = "scheduled", VersionNumber = latest.Number, AtUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(CancellationToken.None);
        var state = await db.ReviewStates.AsNoTracking().FirstOrDefaultAsync(s => s.ContentItemId == row.ContentItemId, cancellationToken);
        await notifier.NotifyUsersAsync([latest.Owner, state?.SubmittedBy, row.RequestedBy], null,
            T["\"{0}\" was published as scheduled", latest.DisplayText], $"/admin/content/{row.ContentItemId}/edit", row.ContentItemId, cancellationToken);
        return (ScheduleStatus.Done, "published");
    }

    private async Task RecordSkipAsync(PublishSchedule row, ContentItem latest, string why, CancellationToken cancellationToken)
    {
        db.ReviewComments.Add(new ReviewComment
        {
            ContentItemId = row.ContentItemId, Author = row.RequestedBy, Kind = ReviewEventKind.ScheduleSkipped, Text = why,
            VersionNumber = latest.Number, AtUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(CancellationToken.None);
        await audit.RecordAsync(new AuditEntry(AuditActions.ScheduleCancelled, null)
        {
            Category = AuditCategories.Review, SubjectId = row.ContentItemId, SubjectTitle = latest.DisplayText, Detail = why,
        }, cancellationToken);
        await notifier.NotifyUsersAsync([latest.Owner, row.RequestedBy], null,
            T["The scheduled publication of \"{0}\" did not happen: the item was changed after approval", latest.DisplayText],
            $"/admin/content/{row.ContentItemId}/edit", row.ContentItemId, cancellationToken);
    }
}
