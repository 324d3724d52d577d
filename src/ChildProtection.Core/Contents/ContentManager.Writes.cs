using System.Text.Json;
using ChildProtection.Core.Caching;
using ChildProtection.Core.Parts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Core.Contents;

/// <summary>
/// Writes of versioned items. Each change is one database transaction, so a reader sees either the old
/// published version or the new one, never a mixture; unique filtered indexes guarantee one latest and
/// one published version per item even when two people save at once.
/// </summary>
internal sealed partial class ContentManager
{
    private const string ConflictMessage = ContentResult.ConflictMessage;

    public async Task<ContentResult> ValidateAsync(ContentItem item, CancellationToken cancellationToken = default)
    {
        var defs = await definitions.GetAsync(cancellationToken);
        var type = defs.GetType(item.ContentType);
        if (type is null) return ContentResult.Fail("ContentType", "Unknown content type \"{0}\".", item.ContentType);
        item.ContentType = type.Name;
        if (string.IsNullOrEmpty(item.ContentItemId)) item.ContentItemId = IdGenerator.NewId();
        var errors = await pipeline.UpdateAsync(item, type, defs);
        return new ContentResult { Item = item, Errors = errors };
    }

    public async Task<ContentResult> SaveAsync(ContentItem item, SaveOptions options, CancellationToken cancellationToken = default)
    {
        var defs = await definitions.GetAsync(cancellationToken);
        var type = defs.GetType(item.ContentType);
        if (type is null) return ContentResult.Fail("ContentType", "Unknown content type \"{0}\".", item.ContentType);
        item.ContentType = type.Name;
        if (string.IsNullOrEmpty(item.ContentItemId)) item.ContentItemId = IdGenerator.NewId();
        else if (item.ContentItemId.Length > 26 || !item.ContentItemId.All(char.IsAsciiLetterOrDigit))
            return ContentResult.Fail("ContentItemId", "An item id is at most 26 letters and digits.");

        var settings = type.TypeSettings;
        var publish = options.Publish || !settings.Draftable;

        var latest = await db.ContentItems.FirstOrDefaultAsync(r => r.ContentItemId == item.ContentItemId && r.Latest, cancellationToken);
        if (latest is not null && latest.Removed)
            return ContentResult.Fail("ContentItemId", "This item is in the recycle bin; restore it first.");
        if (latest is not null && latest.ContentType != type.Name)
            return ContentResult.Fail("ContentType", "The item is a {0}; its type cannot change.", latest.ContentType);
        if (options.ExpectedLatestVersionId is not null && latest is not null && latest.ContentItemVersionId != options.ExpectedLatestVersionId)
            return ContentResult.Fail("", ConflictMessage);

        var errors = await pipeline.UpdateAsync(item, type, defs);
        if (errors.Count == 0 && publish) await CheckPublicationAsync(item, errors, cancellationToken);
        if (errors.Count > 0) return new ContentResult { Item = item, Errors = errors };

        var data = item.Content.ToJsonString(StoreJson);
        if (options.SkipIfUnchanged && latest is not null)
        {
            if (latest.Data == data && latest.DisplayText == item.DisplayText && (!publish || latest.Published))
                return new ContentResult { Item = ToItem(latest), Unchanged = true };
            // An export lists an item's published version before its newer draft: re-applying the
            // published one must not bury the draft under a copy of the published content.
            if (publish && !latest.Published)
            {
                var published = await db.ContentItems.AsNoTracking().FirstOrDefaultAsync(r => r.ContentItemId == item.ContentItemId && r.Published, cancellationToken);
                if (published is not null && published.Data == data) return new ContentResult { Item = ToItem(published), Unchanged = true };
            }
        }

        var now = DateTime.UtcNow;
        ContentItemRecord target;
        await using var tx = await BeginOwnTransactionAsync(cancellationToken);
        try
        {
            // The change log's lock first, before any row lock: a publication then never waits for it while holding rows another one needs.
            if (publish) await ContentChangeLog.LockAsync(db, cancellationToken);
            // A new version unless the type keeps no history and the latest is an unpublished draft.
            if (latest is null || settings.Versionable || latest.Published)
            {
                var number = 1;
                if (latest is not null)
                {
                    number = latest.Number + 1;
                    latest.Latest = false;
                    await db.SaveChangesAsync(cancellationToken);
                }
                target = new ContentItemRecord
                {
                    ContentItemId = item.ContentItemId,
                    ContentItemVersionId = IdGenerator.NewId(),
                    ContentType = type.Name,
                    Number = number,
                    Latest = true,
                    Owner = latest?.Owner ?? options.User ?? item.Owner,
                    CreatedUtc = latest?.CreatedUtc ?? (options.KeepDates && item.CreatedUtc is { } created ? created : now),
                };
                db.ContentItems.Add(target);
            }
            else target = latest;

            target.DisplayText = item.DisplayText;
            target.DisplayTextKey = ContentItemRecord.KeyOf(item.DisplayText);
            target.Path = item.Path;
            target.Author = options.User ?? item.Author;
            target.ModifiedUtc = now;
            target.Data = data;
            await db.SaveChangesAsync(cancellationToken);

            ContentItem? previouslyPublished = null;
            if (publish) previouslyPublished = await PublishRecordAsync(target, options.KeepDates && item.PublishedUtc is { } at ? at : now, cancellationToken);
            if (tx is not null) await tx.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();

            var saved = ToItem(target);
            await RaiseAsync(h => h.SavedAsync(saved));
            if (publish) await RaiseAsync(h => h.PublishedAsync(saved));
            var activity = new ContentActivity(options.Activity ?? (latest is null ? ContentActivities.Created : ContentActivities.Edited), saved, options.User, options.ActivityDetail);
            await RaiseAsync(h => h.ActivityAsync(activity));
            if (publish) await RaiseAsync(h => h.ActivityAsync(new ContentActivity(ContentActivities.Published, saved, options.User)));
            return new ContentResult { Item = saved };
        }
        catch (DbUpdateException ex)
        {
            if (tx is not null) await tx.RollbackAsync(CancellationToken.None);
            else throw;
            db.ChangeTracker.Clear();
            logger.LogWarning(ex, "Saving item {Id} conflicted with another write", item.ContentItemId);
            return ContentResult.Fail("", ConflictMessage);
        }
    }

    public async Task<ContentResult> PublishAsync(string contentItemId, string? user, CancellationToken cancellationToken = default)
    {
        var latest = await db.ContentItems.FirstOrDefaultAsync(r => r.ContentItemId == contentItemId && r.Latest && !r.Removed, cancellationToken);
        if (latest is null) return ContentResult.Fail("ContentItemId", "The item does not exist.");
        if (latest.Published) return new ContentResult { Item = ToItem(latest), Unchanged = true };
        var refusals = new List<ContentValidationError>();
        await CheckPublicationAsync(ToItem(latest), refusals, cancellationToken);
        if (refusals.Count > 0) return new ContentResult { Item = ToItem(latest), Errors = refusals };
        await using var tx = await BeginOwnTransactionAsync(cancellationToken);
        try
        {
            await ContentChangeLog.LockAsync(db, cancellationToken);
            await PublishRecordAsync(latest, DateTime.UtcNow, cancellationToken);
            if (tx is not null) await tx.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            if (tx is not null) await tx.RollbackAsync(CancellationToken.None);
            else throw;
            db.ChangeTracker.Clear();
            logger.LogWarning(ex, "Publishing item {Id} conflicted with another write", contentItemId);
            return ContentResult.Fail("", ConflictMessage);
        }
        db.ChangeTracker.Clear();
        var item = ToItem(latest);
        await RaiseAsync(h => h.PublishedAsync(item));
        await RaiseAsync(h => h.ActivityAsync(new ContentActivity(ContentActivities.Published, item, user)));
        return new ContentResult { Item = item };
    }

    private async Task CheckPublicationAsync(ContentItem item, List<ContentValidationError> errors, CancellationToken cancellationToken)
    {
        foreach (var check in publicationChecks) await check.CheckAsync(item, errors, cancellationToken);
    }

    /// <summary>Moves the published flag to <paramref name="target"/> and records the old path for redirects. Caller owns the transaction.</summary>
    private async Task<ContentItem?> PublishRecordAsync(ContentItemRecord target, DateTime now, CancellationToken cancellationToken)
    {
        var current = await db.ContentItems.FirstOrDefaultAsync(r => r.ContentItemId == target.ContentItemId && r.Published && r.Id != target.Id, cancellationToken);
        ContentItem? previous = null;
        if (current is not null)
        {
            previous = ToItem(current);
            current.Published = false;
            await db.SaveChangesAsync(cancellationToken);
            if (!string.IsNullOrEmpty(current.Path) && current.Path != target.Path)
            {
                var history = await db.RouteHistory.FirstOrDefaultAsync(h => h.Path == current.Path, cancellationToken);
                if (history is null) db.RouteHistory.Add(new RouteHistoryRecord { Path = current.Path, ContentItemId = target.ContentItemId, CreatedUtc = now });
                else history.ContentItemId = target.ContentItemId;
            }
        }
        if (!string.IsNullOrEmpty(target.Path))
        {
            // The item now owns this path: an older redirect from it (to anything) no longer applies.
            var stale = await db.RouteHistory.FirstOrDefaultAsync(h => h.Path == target.Path, cancellationToken);
            if (stale is not null) db.RouteHistory.Remove(stale);
        }
        target.Published = true;
        target.PublishedUtc = now;
        // In the same transaction: every node's search index learns of it from the log, never of a rolled-back one.
        await ContentChangeLog.LockAsync(db, cancellationToken);
        ContentChangeLog.Add(db, target.ContentItemId, ContentChangeKind.Published, DateTime.UtcNow);
        await db.SaveChangesAsync(cancellationToken);
        return previous;
    }

    public async Task<bool> UnpublishAsync(string contentItemId, string? user, CancellationToken cancellationToken = default)
    {
        var published = await db.ContentItems.FirstOrDefaultAsync(r => r.ContentItemId == contentItemId && r.Published, cancellationToken);
        if (published is null) return false;
        await using (var tx = await BeginOwnTransactionAsync(cancellationToken))
        {
            await ContentChangeLog.LockAsync(db, cancellationToken);
            published.Published = false;
            ContentChangeLog.Add(db, contentItemId, ContentChangeKind.Unpublished, DateTime.UtcNow);
            await db.SaveChangesAsync(cancellationToken);
            if (tx is not null) await tx.CommitAsync(cancellationToken);
        }
        db.ChangeTracker.Clear();
        var item = ToItem(published);
        await RaiseAsync(h => h.UnpublishedAsync(item));
        await RaiseAsync(h => h.ActivityAsync(new ContentActivity(ContentActivities.Unpublished, item, user)));
        return true;
    }

    public async Task<bool> RemoveAsync(string contentItemId, string? user, CancellationToken cancellationToken = default)
    {
        var versions = await db.ContentItems.Where(r => r.ContentItemId == contentItemId && !r.Removed).ToListAsync(cancellationToken);
        if (versions.Count == 0) return false;
        var wasPublished = versions.FirstOrDefault(v => v.Published);
        await using (var tx = await BeginOwnTransactionAsync(cancellationToken))
        {
            if (wasPublished is not null)
            {
                await ContentChangeLog.LockAsync(db, cancellationToken);
                ContentChangeLog.Add(db, contentItemId, ContentChangeKind.Unpublished, DateTime.UtcNow);
            }
            foreach (var v in versions)
            {
                v.Removed = true;
                v.Published = false;
            }
            await db.SaveChangesAsync(cancellationToken);
            if (tx is not null) await tx.CommitAsync(cancellationToken);
        }
        db.ChangeTracker.Clear();
        if (wasPublished is not null)
        {
            var unpublished = ToItem(wasPublished);
            await RaiseAsync(h => h.UnpublishedAsync(unpublished));
        }
        var removed = ToItem(versions.First(v => v.Latest));
        await RaiseAsync(h => h.RemovedAsync(removed));
        await RaiseAsync(h => h.ActivityAsync(new ContentActivity(ContentActivities.Removed, removed, user)));
        return true;
    }

    public async Task<bool> RestoreRemovedAsync(string contentItemId, string? user, CancellationToken cancellationToken = default)
    {
        var versions = await db.ContentItems.Where(r => r.ContentItemId == contentItemId && r.Removed).ToListAsync(cancellationToken);
        if (versions.Count == 0) return false;
        foreach (var v in versions) v.Removed = false;
        var latest = versions.First(v => v.Latest);
        // Another item may have taken the path while this one was in the bin; the restored draft gives way.
        if (!string.IsNullOrEmpty(latest.Path) && await db.ContentItems.AnyAsync(r => r.Path == latest.Path && r.ContentItemId != contentItemId && (r.Latest || r.Published) && !r.Removed, cancellationToken))
        {
            var newPath = $"{latest.Path}-{IdGenerator.NewId()[..6]}";
            var item = ToItem(latest);
            foreach (var (key, node) in item.Content)
                if (node is System.Text.Json.Nodes.JsonObject part && part["Path"]?.ToString() == latest.Path) part["Path"] = newPath;
            latest.Data = item.Content.ToJsonString(StoreJson);
            latest.Path = newPath;
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        var restored = ToItem(latest);
        await RaiseAsync(h => h.ActivityAsync(new ContentActivity(ContentActivities.RestoredFromBin, restored, user)));
        return true;
    }

    public async Task<ContentResult> RestoreVersionAsync(string contentItemId, string versionId, string? user, CancellationToken cancellationToken = default)
    {
        var old = await GetAsync(contentItemId, VersionOptions.ForVersion(versionId), cancellationToken);
        if (old is null) return ContentResult.Fail("ContentItemVersionId", "That version does not exist.");
        var latest = await GetAsync(contentItemId, VersionOptions.Latest, cancellationToken);
        if (latest is null) return ContentResult.Fail("ContentItemId", "The item does not exist.");
        // Restoring writes a new draft with the old content; history is never rewritten.
        var draft = latest.CloneAsNewVersion();
        draft.Content = (System.Text.Json.Nodes.JsonObject)old.Content.DeepClone();
        return await SaveAsync(draft, new SaveOptions
        {
            User = user,
            Activity = ContentActivities.VersionRestored,
            ActivityDetail = old.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, cancellationToken);
    }

    /// <summary>Null when a unit of work (a recipe) already holds a transaction: this write joins it.</summary>
    private async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> BeginOwnTransactionAsync(CancellationToken cancellationToken) =>
        db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;

    private async Task RaiseAsync(Func<IContentEventHandler, Task> action)
    {
        if (unitOfWork.IsActive)
        {
            unitOfWork.Defer(() => RaiseNowAsync(action));
            return;
        }
        await RaiseNowAsync(action);
    }

    private async Task RaiseNowAsync(Func<IContentEventHandler, Task> action)
    {
        // The write has committed: published reads kept on this node go before any handler runs, so handlers
        // (media usage, indexes) read the item as it now is. Other nodes hear it from the eviction below.
        published.EvictLocal([PageCacheTags.AnyType]);
        // Cached pages and values are evicted last, once the modules' handlers have brought their indexes (a
        // campaign's links, the event schedule, the library) up to date: a page rendered between an eviction
        // and an index update would be cached again from the old index.
        foreach (var handler in eventHandlers.OrderBy(h => h is PublicPageInvalidation ? 1 : 0))
        {
            try { await action(handler); }
            catch (Exception ex) { logger.LogError(ex, "Content event handler {Handler} failed", handler.GetType().Name); }
        }
    }
}
