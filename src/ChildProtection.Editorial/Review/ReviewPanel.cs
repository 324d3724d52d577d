using System.Security.Claims;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Metadata;
using ChildProtection.Core.Security;
using ChildProtection.Core.Settings;
using ChildProtection.Editorial.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Editorial.Review;

/// <summary>What the review panel shows for one item to one person, and which of its forms they may use.</summary>
public sealed class ReviewPanel
{
    public required ContentItem Item { get; init; }
    public ReviewState? State { get; init; }
    public ReviewStatus Status => State?.Status ?? ReviewStatus.Draft;
    public bool RequiresReview { get; init; }
    public bool IsPublished { get; init; }
    public bool LatestIsPublished { get; init; }
    public IReadOnlyList<ReviewComment> Thread { get; init; } = [];
    public IReadOnlyList<PublishSchedule> Pending { get; init; } = [];
    public bool CanSubmit { get; init; }
    public bool CanReview { get; init; }
    public bool CanWithdraw { get; init; }
    public bool CanComment { get; init; }
    public required SiteTime Time { get; init; }
    /// <summary>For the time inputs: the current local time, so the browser refuses the past before the server does.</summary>
    public string MinLocal => Time.ToLocal(DateTime.UtcNow).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Builds the panel, for people who may edit the item or review its type only: the panel shows the draft's
/// title, state and the reviewers' internal comments, which nobody else may read (null for them).
/// </summary>
public sealed class ReviewPanelBuilder(EditorialDbContext db, IContentManager contents, IContentDefinitionStore definitions,
    ContentAuthorizer authorizer, ISiteSettingsService settings)
{
    /// <summary>May the person see this item's review at all: edit it, or review (approve and publish) its type.</summary>
    public async Task<bool> MayOpenAsync(ClaimsPrincipal user, ContentItem latest, CancellationToken ct = default)
    {
        var type = await definitions.GetTypeAsync(latest.ContentType, ct);
        return type is not null && (await authorizer.CanAsync(user, ContentAction.Edit, type, latest.Owner) || await CanReviewAsync(user, type, latest));
    }

    private async Task<bool> CanReviewAsync(ClaimsPrincipal user, ContentTypeDefinition type, ContentItem latest) =>
        await authorizer.CanReviewAsync(user) && await authorizer.CanAsync(user, ContentAction.Publish, type, latest.Owner);

    public async Task<ReviewPanel?> BuildAsync(ClaimsPrincipal user, ContentItem latest, CancellationToken ct = default)
    {
        var type = await definitions.GetTypeAsync(latest.ContentType, ct);
        if (type is null) return null;
        var canEdit = await authorizer.CanAsync(user, ContentAction.Edit, type, latest.Owner);
        var canReview = await CanReviewAsync(user, type, latest);
        if (!canEdit && !canReview) return null;
        var state = await db.ReviewStates.AsNoTracking().FirstOrDefaultAsync(s => s.ContentItemId == latest.ContentItemId, ct);
        var published = await contents.GetAsync(latest.ContentItemId, VersionOptions.Published, ct);
        var thread = await db.ReviewComments.AsNoTracking().Where(c => c.ContentItemId == latest.ContentItemId)
            .OrderByDescending(c => c.AtUtc).ThenByDescending(c => c.Id).Take(50).ToListAsync(ct);
        thread.Reverse();
        var pending = await db.PublishSchedules.AsNoTracking()
            .Where(s => s.ContentItemId == latest.ContentItemId && (s.Status == ScheduleStatus.Pending || s.Status == ScheduleStatus.Running))
            .OrderBy(s => s.DueUtc).ToListAsync(ct);
        var latestIsPublished = published?.ContentItemVersionId == latest.ContentItemVersionId;
        var status = state?.Status ?? ReviewStatus.Draft;
        return new ReviewPanel
        {
            Item = latest,
            State = state,
            RequiresReview = type.TypeSettings.RequiresReview,
            IsPublished = published is not null,
            LatestIsPublished = latestIsPublished,
            Thread = thread,
            Pending = pending,
            CanSubmit = canEdit && !latestIsPublished && status is not (ReviewStatus.Submitted or ReviewStatus.Scheduled),
            CanReview = canReview,
            CanWithdraw = published is not null && await authorizer.CanAsync(user, ContentAction.Publish, type, latest.Owner),
            CanComment = canEdit || canReview,
            Time = SiteTime.From(await settings.GetAsync(ct)),
        };
    }
}
