using System.Globalization;
using System.Security.Claims;
using ChildProtection.Audit;
using ChildProtection.Core;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Metadata;
using ChildProtection.Core.Security;
using ChildProtection.Core.Settings;
using ChildProtection.Editorial.Data;
using ChildProtection.Editorial.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Editorial.Review;

/// <summary>
/// The review workflow: Draft → Submitted → Returned (with a comment) or approved (published now, or
/// Scheduled for a time) → Published → Withdrawn (with a reason). Every step checks the person's rights
/// here, on the server, whatever the page showed; a refused step changes nothing. Each step writes the
/// item's thread and the audit trail and tells the people concerned.
/// </summary>
public sealed class ReviewWorkflow(
    EditorialDbContext db,
    IContentManager contents,
    IContentDefinitionStore definitions,
    ContentAuthorizer authorizer,
    EditorialNotifier notifier,
    IAuditTrail audit,
    ISiteSettingsService settings,
    TimeProvider clock,
    IStringLocalizer<EditorialText> T,
    IStringLocalizer<CoreText> C)
{
    public const int MaxCommentLength = 4000;
    public const int MaxReasonLength = 1000;
    /// <summary>How far ahead a publication may be scheduled.</summary>
    public static readonly TimeSpan MaxScheduleAhead = TimeSpan.FromDays(366 * 2);

    private sealed record Loaded(ContentItem Latest, ContentTypeDefinition Type, ContentItem? Published);

    private async Task<Loaded?> LoadAsync(string contentItemId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(contentItemId) || contentItemId.Length > 26) return null;
        var latest = await contents.GetAsync(contentItemId, VersionOptions.Latest, ct);
        if (latest is null) return null;
        var type = await definitions.GetTypeAsync(latest.ContentType, ct);
        if (type is null) return null;
        return new Loaded(latest, type, await contents.GetAsync(contentItemId, VersionOptions.Published, ct));
    }

    public Task<ReviewState?> GetStateAsync(string contentItemId, CancellationToken ct = default) =>
        db.ReviewStates.AsNoTracking().FirstOrDefaultAsync(s => s.ContentItemId == contentItemId, ct);

    private ReviewOutcome NotFound() => new(ReviewFailure.NotFound, T["This item does not exist or is in the recycle bin."]);
    private ReviewOutcome Invalid(string message) => new(ReviewFailure.Invalid, message);
    private ReviewOutcome Forbidden(string message) => new(ReviewFailure.Forbidden, message);
    private ReviewOutcome Conflict() => new(ReviewFailure.Conflict, T["Someone else acted on this item at the same moment. Reload the page and try again."]);

    /// <summary>
    /// A publication the content manager refused: a rule of another module (an image of children without a
    /// consent record) says why in its own words, which the reviewer must read; only a write that raced
    /// another is the generic conflict.
    /// </summary>
    private ReviewOutcome Refused(ContentResult result) =>
        result.Errors.All(e => e.Message == ContentResult.ConflictMessage)
            ? Conflict()
            : Invalid(string.Join(" ", result.Errors.Select(e => C[e.Message, e.Args].Value)));

    private ReviewOutcome NotReviewer() =>
        Forbidden(T["Only a reviewer (the editorial board) can approve, return or schedule an item. Nothing was changed."]);

    private static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "?";
    private static string EditorUrl(string id) => $"/admin/content/{id}/edit";

    private async Task<ReviewState> StateForAsync(ContentItem item, CancellationToken ct)
    {
        var state = await db.ReviewStates.FirstOrDefaultAsync(s => s.ContentItemId == item.ContentItemId, ct);
        if (state is null)
        {
            state = new ReviewState { ContentItemId = item.ContentItemId, ContentType = item.ContentType, Status = ReviewStatus.Draft };
            db.ReviewStates.Add(state);
        }
        state.Title = item.DisplayText;
        state.Owner = item.Owner;
        state.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        state.Version++;
        return state;
    }

    private void Thread(string itemId, string author, ReviewEventKind kind, string? text, int? version) =>
        db.ReviewComments.Add(new ReviewComment
        {
            ContentItemId = itemId, Author = author, Kind = kind, Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim(),
            VersionNumber = version, AtUtc = clock.GetUtcNow().UtcDateTime,
        });

    /// <summary>Saves the step; false when another person changed the same state meanwhile (nothing of this step is kept).</summary>
    private async Task<bool> CommitAsync()
    {
        try
        {
            await db.SaveChangesAsync(CancellationToken.None);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private Task AuditAsync(string action, ClaimsPrincipal user, ContentItem item, string? detail) =>
        audit.RecordAsync(new AuditEntry(action, Actor(user))
        {
            Category = AuditCategories.Review, SubjectId = item.ContentItemId, SubjectTitle = item.DisplayText, Detail = detail,
        });

    private string? CheckText(string? text, int max, bool required, string requiredMessage)
    {
        if (required && string.IsNullOrWhiteSpace(text)) return requiredMessage;
        if (text is not null && text.Trim().Length > max) return T["The text is longer than {0} characters.", max];
        return null;
    }

    public async Task<ReviewOutcome> SubmitAsync(ClaimsPrincipal user, string contentItemId, string? comment, CancellationToken ct = default)
    {
        if (await LoadAsync(contentItemId, ct) is not { } loaded) return NotFound();
        var item = loaded.Latest;
        if (!await authorizer.CanAsync(user, ContentAction.Edit, loaded.Type, item.Owner))
            return Forbidden(T["You may not edit this item, so you cannot submit it. Nothing was changed."]);
        if (CheckText(comment, MaxCommentLength, false, "") is { } bad) return Invalid(bad);
        if (loaded.Published?.ContentItemVersionId == item.ContentItemVersionId)
            return Invalid(T["This version is already published: there is nothing new to review."]);
        var state = await StateForAsync(item, ct);
        if (state.Status is ReviewStatus.Submitted) { db.ChangeTracker.Clear(); return Invalid(T["This item is already waiting for review."]); }
        if (state.Status is ReviewStatus.Scheduled) { db.ChangeTracker.Clear(); return Invalid(T["This item is already approved and scheduled; cancel the schedule first to change it."]); }
        state.Status = ReviewStatus.Submitted;
        state.SubmittedBy = Actor(user);
        state.SubmittedUtc = clock.GetUtcNow().UtcDateTime;
        state.SubmittedVersionNumber = item.Number;
        state.ApprovedVersionId = null;
        Thread(item.ContentItemId, Actor(user), ReviewEventKind.Submitted, comment, item.Number);
        if (!await CommitAsync()) return Conflict();
        await AuditAsync(AuditActions.Submitted, user, item, comment);
        await notifier.NotifyReviewersAsync(Actor(user), T["\"{0}\" was submitted for review by {1}", item.DisplayText, Actor(user)], EditorUrl(item.ContentItemId), item.ContentItemId, ct);
        return ReviewOutcome.Done(T["\"{0}\" was submitted for review. The reviewers have been told.", item.DisplayText]);
    }

    public async Task<ReviewOutcome> ReturnAsync(ClaimsPrincipal user, string contentItemId, string? comment, CancellationToken ct = default)
    {
        if (await LoadAsync(contentItemId, ct) is not { } loaded) return NotFound();
        if (!await authorizer.CanReviewAsync(user)) return NotReviewer();
        if (CheckText(comment, MaxCommentLength, true, T["Write a comment telling the editor what to change."]) is { } bad) return Invalid(bad);
        var item = loaded.Latest;
        var state = await StateForAsync(item, ct);
        if (state.Status != ReviewStatus.Submitted) { db.ChangeTracker.Clear(); return Invalid(T["Only an item waiting for review can be returned."]); }
        state.Status = ReviewStatus.Returned;
        state.ReviewedBy = Actor(user);
        state.ReviewedUtc = clock.GetUtcNow().UtcDateTime;
        Thread(item.ContentItemId, Actor(user), ReviewEventKind.Returned, comment, item.Number);
        if (!await CommitAsync()) return Conflict();
        await AuditAsync(AuditActions.Returned, user, item, comment);
        await notifier.NotifyUsersAsync([state.SubmittedBy, item.Owner], Actor(user),
            T["\"{0}\" was returned by {1}: {2}", item.DisplayText, Actor(user), comment!.Trim()], EditorUrl(item.ContentItemId), item.ContentItemId, ct);
        return ReviewOutcome.Done(T["\"{0}\" was returned to its editor with your comment.", item.DisplayText]);
    }

    /// <summary>Approves the latest version: published now when <paramref name="publishAtLocal"/> is empty, otherwise scheduled.</summary>
    public async Task<ReviewOutcome> ApproveAsync(ClaimsPrincipal user, string contentItemId, string? publishAtLocal, string? comment, CancellationToken ct = default)
    {
        if (await LoadAsync(contentItemId, ct) is not { } loaded) return NotFound();
        if (!await authorizer.CanReviewAsync(user)) return NotReviewer();
        var item = loaded.Latest;
        if (!await authorizer.CanAsync(user, ContentAction.Publish, loaded.Type, item.Owner))
            return Forbidden(T["You may not publish items of this type. Nothing was changed."]);
        if (CheckText(comment, MaxCommentLength, false, "") is { } bad) return Invalid(bad);
        if (loaded.Published?.ContentItemVersionId == item.ContentItemVersionId) return Invalid(T["This version is already published."]);
        DateTime? publishAt = null;
        if (!string.IsNullOrWhiteSpace(publishAtLocal))
        {
            var parsed = await ParseLocalAsync(publishAtLocal, ct);
            if (parsed is not { } at) return Invalid(T["The publication time is not a valid date and time."]);
            var now = clock.GetUtcNow().UtcDateTime;
            if (at <= now) return Invalid(T["The publication time {0} has already passed. Choose a time in the future, or publish now.", publishAtLocal.Replace('T', ' ')]);
            if (at > now + MaxScheduleAhead) return Invalid(T["A publication can be scheduled at most two years ahead."]);
            publishAt = at;
        }
        var existing = await db.ReviewStates.AsNoTracking().FirstOrDefaultAsync(s => s.ContentItemId == contentItemId, ct);
        if (existing?.Status == ReviewStatus.Scheduled) return Invalid(T["This item is already scheduled; cancel the schedule first to change it."]);

        if (publishAt is null)
        {
            var published = await contents.PublishAsync(item.ContentItemId, Actor(user), ct);
            if (!published.Succeeded) return Refused(published);
        }
        var state = await StateForAsync(item, ct);
        state.ReviewedBy = Actor(user);
        state.ReviewedUtc = clock.GetUtcNow().UtcDateTime;
        state.ApprovedVersionId = item.ContentItemVersionId;
        state.Status = publishAt is null ? ReviewStatus.Published : ReviewStatus.Scheduled;
        Thread(item.ContentItemId, Actor(user), ReviewEventKind.Approved, comment, item.Number);
        if (publishAt is { } due)
        {
            db.PublishSchedules.Add(new PublishSchedule
            {
                ContentItemId = item.ContentItemId, Action = ScheduledAction.Publish, DueUtc = due, VersionId = item.ContentItemVersionId,
                RequestedBy = Actor(user), RequestedUtc = clock.GetUtcNow().UtcDateTime, Status = ScheduleStatus.Pending,
            });
        }
        if (!await CommitAsync()) return Conflict();
        var time = SiteTime.From(await settings.GetAsync(ct));
        await AuditAsync(publishAt is null ? AuditActions.Approved : AuditActions.Scheduled, user, item,
            publishAt is { } d ? time.Format(d) + (string.IsNullOrWhiteSpace(comment) ? "" : " — " + comment.Trim()) : comment);
        var text = publishAt is { } when
            ? T["\"{0}\" was approved by {1} and will be published at {2}", item.DisplayText, Actor(user), time.Format(when)]
            : T["\"{0}\" was approved and published by {1}", item.DisplayText, Actor(user)];
        await notifier.NotifyUsersAsync([existing?.SubmittedBy, item.Owner], Actor(user), text, EditorUrl(item.ContentItemId), item.ContentItemId, ct);
        return ReviewOutcome.Done(publishAt is { } w
            ? T["\"{0}\" is approved and will be published at {1}.", item.DisplayText, time.Format(w)]
            : T["\"{0}\" is approved and published.", item.DisplayText]);
    }

    public async Task<ReviewOutcome> CancelScheduleAsync(ClaimsPrincipal user, string contentItemId, long scheduleId, CancellationToken ct = default)
    {
        if (await LoadAsync(contentItemId, ct) is not { } loaded) return NotFound();
        if (!await authorizer.CanAsync(user, ContentAction.Publish, loaded.Type, loaded.Latest.Owner)) return NotReviewer();
        // Conditional: a runner that has already claimed the row wins, and the cancellation says so.
        var cancelled = await db.PublishSchedules
            .Where(s => s.Id == scheduleId && s.ContentItemId == contentItemId && s.Status == ScheduleStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, ScheduleStatus.Cancelled)
                .SetProperty(x => x.CompletedUtc, clock.GetUtcNow().UtcDateTime)
                .SetProperty(x => x.Outcome, "cancelled by " + Actor(user)), ct);
        if (cancelled == 0) return Invalid(T["This schedule has already run or been cancelled."]);
        var item = loaded.Latest;
        var state = await StateForAsync(item, ct);
        if (state.Status == ReviewStatus.Scheduled) state.Status = ReviewStatus.Submitted;
        Thread(item.ContentItemId, Actor(user), ReviewEventKind.ScheduleCancelled, null, item.Number);
        await CommitAsync();
        await AuditAsync(AuditActions.ScheduleCancelled, user, item, null);
        return ReviewOutcome.Done(T["The schedule was cancelled."]);
    }

    public async Task<ReviewOutcome> WithdrawAsync(ClaimsPrincipal user, string contentItemId, RetirementKind kind, string? reason, string? successor, string? atLocal, CancellationToken ct = default)
    {
        if (await LoadAsync(contentItemId, ct) is not { } loaded) return NotFound();
        var item = loaded.Latest;
        if (!await authorizer.CanAsync(user, ContentAction.Publish, loaded.Type, item.Owner))
            return Forbidden(T["You may not take items of this type off the site. Nothing was changed."]);
        if (loaded.Published is null) return Invalid(T["This item is not published."]);
        if (!Enum.IsDefined(kind)) return Invalid(T["Choose why the item is taken off the site."]);
        if (CheckText(reason, MaxReasonLength, true, T["Give the reason; readers of a withdrawn page see it."]) is { } bad) return Invalid(bad);
        string? successorPath = null;
        if (kind == RetirementKind.Replaced)
        {
            successorPath = SuccessorPath(successor);
            var target = successorPath is null ? null : await contents.GetPublishedByPathAsync(successorPath, ct);
            if (target is null) return Invalid(T["Give the address of the published item that replaces this one."]);
            if (target.ContentItemId == item.ContentItemId) return Invalid(T["An item cannot replace itself."]);
        }
        if (!string.IsNullOrWhiteSpace(atLocal))
        {
            if (await ParseLocalAsync(atLocal, ct) is not { } at) return Invalid(T["The time is not a valid date and time."]);
            if (at <= clock.GetUtcNow().UtcDateTime) return Invalid(T["The time {0} has already passed. Choose a time in the future, or take the item off now.", atLocal.Replace('T', ' ')]);
            if (at > clock.GetUtcNow().UtcDateTime + MaxScheduleAhead) return Invalid(T["A withdrawal can be scheduled at most two years ahead."]);
            db.PublishSchedules.Add(new PublishSchedule
            {
                ContentItemId = item.ContentItemId, Action = ScheduledAction.Unpublish, DueUtc = at, RequestedBy = Actor(user),
                RequestedUtc = clock.GetUtcNow().UtcDateTime, Status = ScheduleStatus.Pending, RetireAs = kind, Reason = reason!.Trim(), SuccessorPath = successorPath,
            });
            Thread(item.ContentItemId, Actor(user), ReviewEventKind.Scheduled, reason, item.Number);
            if (!await CommitAsync()) return Conflict();
            var time = SiteTime.From(await settings.GetAsync(ct));
            await AuditAsync(AuditActions.Scheduled, user, item, $"{kind} {time.Format(at)}: {reason!.Trim()}");
            return ReviewOutcome.Done(T["\"{0}\" will be taken off the site at {1}.", item.DisplayText, time.Format(at)]);
        }
        if (!await RetireAsync(item.ContentItemId, kind, reason!.Trim(), successorPath, Actor(user), ct)) return Conflict();
        return ReviewOutcome.Done(T["\"{0}\" was taken off the site.", item.DisplayText]);
    }

    /// <summary>
    /// Takes the published version off the site and records how its address answers from now on.
    /// Shared by a person's withdrawal and the scheduled one (no permission check here: callers do it).
    /// </summary>
    internal async Task<bool> RetireAsync(string contentItemId, RetirementKind kind, string reason, string? successorPath, string actor, CancellationToken ct)
    {
        var published = await contents.GetAsync(contentItemId, VersionOptions.Published, ct);
        if (published is null) return false;
        if (!await contents.UnpublishAsync(contentItemId, actor, ct)) return false;
        var now = clock.GetUtcNow().UtcDateTime;
        if (!string.IsNullOrEmpty(published.Path))
        {
            var row = await db.Retirements.FirstOrDefaultAsync(r => r.Path == published.Path, ct);
            if (row is null) db.Retirements.Add(row = new Retirement { Path = published.Path });
            row.ContentItemId = contentItemId; row.Title = published.DisplayText; row.Kind = kind; row.Reason = reason;
            row.SuccessorPath = successorPath; row.By = actor; row.AtUtc = now;
        }
        var state = await StateForAsync(published, ct);
        state.Status = ReviewStatus.Withdrawn;
        Thread(contentItemId, actor, ReviewEventKind.Withdrawn, $"{KindText(kind)}: {reason}", published.Number);
        if (!await CommitAsync()) return false;
        await audit.RecordAsync(new AuditEntry(AuditActions.Withdrawn, actor)
        {
            Category = AuditCategories.Review, SubjectId = contentItemId, SubjectTitle = published.DisplayText,
            Detail = $"{kind}: {reason}" + (successorPath is null ? "" : $" → /{successorPath}"),
        });
        await notifier.NotifyUsersAsync([published.Owner, state.SubmittedBy], actor,
            T["\"{0}\" was taken off the site by {1} ({2}): {3}", published.DisplayText, actor, KindText(kind), reason], EditorUrl(contentItemId), contentItemId, ct);
        return true;
    }

    public string KindText(RetirementKind kind) => kind switch
    {
        RetirementKind.PublishedInError => T["published in error"],
        RetirementKind.Replaced => T["replaced"],
        _ => T["withdrawn"],
    };

    public async Task<ReviewOutcome> CommentAsync(ClaimsPrincipal user, string contentItemId, string? text, CancellationToken ct = default)
    {
        if (await LoadAsync(contentItemId, ct) is not { } loaded) return NotFound();
        if (!await authorizer.CanAsync(user, ContentAction.Edit, loaded.Type, loaded.Latest.Owner) && !await authorizer.CanReviewAsync(user))
            return Forbidden(T["You may not comment on this item."]);
        if (CheckText(text, MaxCommentLength, true, T["Write a comment first."]) is { } bad) return Invalid(bad);
        Thread(contentItemId, Actor(user), ReviewEventKind.Comment, text, loaded.Latest.Number);
        await CommitAsync();
        var state = await GetStateAsync(contentItemId, ct);
        await notifier.NotifyUsersAsync([loaded.Latest.Owner, state?.SubmittedBy, state?.ReviewedBy], Actor(user),
            T["{0} commented on \"{1}\": {2}", Actor(user), loaded.Latest.DisplayText, text!.Trim()], EditorUrl(contentItemId), contentItemId, ct);
        return ReviewOutcome.Done(T["Your comment was added."]);
    }

    /// <summary>A successor typed as "/tin-tuc/abc" or a full address on this site, as a path without slashes around it.</summary>
    internal static string? SuccessorPath(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 1024) return null;
        var value = typed.Trim();
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") value = uri.AbsolutePath;
        value = value.Split('?', '#')[0].Trim('/');
        return value.Length == 0 ? null : Uri.UnescapeDataString(value);
    }

    /// <summary>A datetime-local value ("2026-04-04T12:44") read in the site's time zone, as UTC.</summary>
    private async Task<DateTime?> ParseLocalAsync(string value, CancellationToken ct)
    {
        string[] formats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "dd/MM/yyyy HH:mm"];
        if (!DateTime.TryParseExact(value.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)) return null;
        var time = SiteTime.From(await settings.GetAsync(ct));
        try { return time.ToUtc(local); }
        catch (ArgumentException) { return null; } // a wall-clock time skipped by a daylight-saving change
    }
}
