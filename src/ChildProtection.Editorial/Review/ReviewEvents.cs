using ChildProtection.Core.Contents;
using ChildProtection.Editorial.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Editorial.Review;

/// <summary>
/// Keeps review states true to what the engine did, whoever did it (the editor's Publish button, the
/// API, a schedule): a published item is Published and its old withdrawal notice goes; an approved
/// item edited afterwards needs review again, and its pending publication is cancelled.
/// </summary>
internal sealed class ReviewEvents(EditorialDbContext db, TimeProvider clock) : IContentEventHandler
{
    public async Task PublishedAsync(ContentItem item)
    {
        await db.Retirements.Where(r => r.ContentItemId == item.ContentItemId).ExecuteDeleteAsync();
        var state = await db.ReviewStates.FirstOrDefaultAsync(s => s.ContentItemId == item.ContentItemId);
        if (state is null) return;
        state.Status = ReviewStatus.Published;
        state.Title = item.DisplayText;
        state.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        state.Version++;
        await db.SaveChangesAsync();
    }

    public async Task UnpublishedAsync(ContentItem item)
    {
        // Taken off without a reason (the editor's Unpublish button): back to a draft. A withdrawal with a
        // reason sets Withdrawn right after this.
        var state = await db.ReviewStates.FirstOrDefaultAsync(s => s.ContentItemId == item.ContentItemId);
        if (state is null || state.Status != ReviewStatus.Published) return;
        state.Status = ReviewStatus.Draft;
        state.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        state.Version++;
        await db.SaveChangesAsync();
    }

    public async Task SavedAsync(ContentItem item)
    {
        var state = await db.ReviewStates.FirstOrDefaultAsync(s => s.ContentItemId == item.ContentItemId);
        if (state is null) return;
        state.Title = item.DisplayText;
        if (state.Status is ReviewStatus.Scheduled && state.ApprovedVersionId != item.ContentItemVersionId)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            await db.PublishSchedules
                .Where(s => s.ContentItemId == item.ContentItemId && s.Action == ScheduledAction.Publish && s.Status == ScheduleStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, ScheduleStatus.Cancelled).SetProperty(x => x.CompletedUtc, now)
                    .SetProperty(x => x.Outcome, "changed after approval"));
            state.Status = ReviewStatus.Draft;
            state.ApprovedVersionId = null;
            db.ReviewComments.Add(new ReviewComment
            {
                ContentItemId = item.ContentItemId, Author = item.Author ?? "?", Kind = ReviewEventKind.ScheduleCancelled,
                Text = "changed after approval", VersionNumber = item.Number, AtUtc = now,
            });
        }
        state.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        state.Version++;
        await db.SaveChangesAsync();
    }

    public async Task RemovedAsync(ContentItem item)
    {
        // A deleted item is no longer anybody's review work, and nothing should publish it later.
        await db.PublishSchedules.Where(s => s.ContentItemId == item.ContentItemId && s.Status == ScheduleStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, ScheduleStatus.Cancelled).SetProperty(x => x.Outcome, "item deleted"));
        await db.ReviewStates.Where(s => s.ContentItemId == item.ContentItemId).ExecuteDeleteAsync();
    }
}

/// <summary>The public site's question "what was at this address?", answered from recorded withdrawals.</summary>
internal sealed class RetiredContentLookup(EditorialDbContext db) : IRetiredContentLookup
{
    public async Task<RetiredContent?> FindByPathAsync(string path, CancellationToken cancellationToken = default)
    {
        var row = await db.Retirements.AsNoTracking().FirstOrDefaultAsync(r => r.Path == path, cancellationToken);
        return row is null ? null : new RetiredContent(row.Kind, row.Title, row.Reason, row.SuccessorPath, row.AtUtc);
    }
}
