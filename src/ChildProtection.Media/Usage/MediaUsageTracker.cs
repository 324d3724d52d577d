using ChildProtection.Core.Contents;
using ChildProtection.Media.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Media.Usage;

/// <summary>
/// Keeps "used by": after every save, publication or unpublication, the item's latest and published
/// versions are scanned by the <see cref="MediaReferences"/> convention and its usage rows replaced.
/// An item moved to the recycle bin keeps its rows (it can be restored); whether a user still counts is
/// asked of the content manager when it matters (<see cref="MediaUsageQuery"/>).
/// </summary>
public sealed class MediaUsageTracker(IServiceProvider services) : IContentEventHandler
{
    public Task SavedAsync(ContentItem item) => RefreshAsync(item.ContentItemId);
    public Task PublishedAsync(ContentItem item) => RefreshAsync(item.ContentItemId);
    public Task UnpublishedAsync(ContentItem item) => RefreshAsync(item.ContentItemId);

    public async Task RefreshAsync(string contentItemId, CancellationToken cancellationToken = default)
    {
        // Resolved here, not injected: the content manager itself depends on the event handlers.
        var contents = services.GetRequiredService<IContentManager>();
        var db = services.GetRequiredService<MediaDbContext>();
        var latest = await contents.GetAsync(contentItemId, VersionOptions.Latest, cancellationToken);
        var published = await contents.GetAsync(contentItemId, VersionOptions.Published, cancellationToken);
        if (latest is null && published is null) return; // in the bin: rows stay for a restore

        var inPublished = published is null ? [] : MediaReferences.Find(published.Content);
        var all = latest is null ? new HashSet<string>(inPublished) : MediaReferences.Find(latest.Content);
        all.UnionWith(inPublished);
        var shown = latest ?? published!;

        var existing = await db.Usages.Where(u => u.ContentItemId == contentItemId).ToListAsync(cancellationToken);
        db.Usages.RemoveRange(existing.Where(u => !all.Contains(u.MediaId)));
        var now = DateTime.UtcNow;
        foreach (var id in all)
        {
            var row = existing.FirstOrDefault(u => u.MediaId == id);
            if (row is null)
            {
                row = new MediaUsageRecord { MediaId = id, ContentItemId = contentItemId };
                db.Usages.Add(row);
            }
            row.ContentType = shown.ContentType;
            row.DisplayText = shown.DisplayText.Length > 1024 ? shown.DisplayText[..1024] : shown.DisplayText;
            row.Published = inPublished.Contains(id);
            row.UpdatedUtc = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}

public sealed record MediaUser(string ContentItemId, string ContentType, string DisplayText, bool Published, bool InRecycleBin);

/// <summary>Who uses a file, with items in the recycle bin told apart (they do not stop a delete).</summary>
public sealed class MediaUsageQuery(MediaDbContext db, IContentManager contents)
{
    public async Task<IReadOnlyList<MediaUser>> UsersOfAsync(string mediaId, CancellationToken cancellationToken = default)
    {
        var rows = await db.Usages.AsNoTracking().Where(u => u.MediaId == mediaId).OrderBy(u => u.DisplayText).Take(500).ToListAsync(cancellationToken);
        var users = new List<MediaUser>(rows.Count);
        foreach (var row in rows)
        {
            var status = await contents.GetStatusAsync(row.ContentItemId, cancellationToken);
            // Published: the item's published version itself uses the file.
            var published = row.Published && (status is ContentStatus.Published or ContentStatus.PublishedWithDraft);
            users.Add(new MediaUser(row.ContentItemId, row.ContentType, row.DisplayText, published, status is null));
        }
        return users;
    }

    public async Task<Dictionary<string, int>> CountsAsync(IReadOnlyCollection<string> mediaIds, CancellationToken cancellationToken = default)
    {
        if (mediaIds.Count == 0) return [];
        return await db.Usages.AsNoTracking().Where(u => mediaIds.Contains(u.MediaId))
            .GroupBy(u => u.MediaId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
    }
}
