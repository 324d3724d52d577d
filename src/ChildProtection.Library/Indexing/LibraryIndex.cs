using ChildProtection.Core.Contents;
using ChildProtection.Library.Data;
using ChildProtection.Library.Parts;
using ChildProtection.Media;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Library.Indexing;

/// <summary>
/// Keeps <see cref="LibraryEntry"/> rows in step with published resources, and the media library's
/// restricted flag in step with each resource's: a restricted resource's files answer 404 at their public
/// media address too.
/// </summary>
public sealed class LibraryIndex(LibraryDbContext db, IMediaLibrary media)
{
    /// <summary>Writes (or replaces) the row of a published resource.</summary>
    public async Task UpsertAsync(ContentItem published, CancellationToken cancellationToken = default)
    {
        if (published.ContentType != ResourceData.TypeName || string.IsNullOrEmpty(published.Path))
        {
            await RemoveAsync(published.ContentItemId, cancellationToken);
            return;
        }
        var data = ResourceData.From(published);
        var files = await media.GetManyAsync(data.MediaIds, cancellationToken);
        var cover = data.CoverMediaId is { } c && files.TryGetValue(c, out var cf) && cf.IsImage
            ? c
            : data.Files.Select(f => f.MediaId).FirstOrDefault(id => files.TryGetValue(id, out var f) && f.IsImage);

        var row = await db.Entries.FirstOrDefaultAsync(e => e.ContentItemId == published.ContentItemId, cancellationToken);
        if (row is null)
        {
            row = new LibraryEntry { ContentItemId = published.ContentItemId };
            db.Entries.Add(row);
        }
        row.Path = published.Path;
        row.Title = Truncate(published.DisplayText, 1024);
        row.TitleKey = Truncate(TitleFolding.Fold(published.DisplayText), 1024);
        var summary = published.Get<string>("SummaryPart", "Summary")?.Trim();
        row.Summary = string.IsNullOrEmpty(summary) ? null : Truncate(summary, 1000);
        row.Kind = data.Kind;
        row.Audiences = LibraryEntry.Codes(data.Audiences);
        row.Topics = Truncate(LibraryEntry.Codes(data.TopicIds), 4000);
        row.Campaigns = Truncate(LibraryEntry.Codes(data.CampaignIds), 2000);
        row.Language = data.Language;
        row.Restricted = data.Restricted;
        row.CoverMediaId = cover;
        row.FileCount = data.Files.Count;
        row.PublishedUtc = published.PublishedUtc ?? DateTime.UtcNow;
        // Another item may have held this path before (it was unpublished and its row is gone, or is stale).
        var clash = await db.Entries.Where(e => e.Path == row.Path && e.ContentItemId != row.ContentItemId).ToListAsync(cancellationToken);
        db.Entries.RemoveRange(clash);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await ApplyRestrictionAsync(data, published: true, cancellationToken);
    }

    public async Task RemoveAsync(string contentItemId, CancellationToken cancellationToken = default)
    {
        await db.Entries.Where(e => e.ContentItemId == contentItemId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// A restricted resource restricts its files as soon as it is saved (a draft's new uploads must not be
    /// public either); a published, unrestricted one opens them again.
    /// </summary>
    public async Task ApplyRestrictionAsync(ResourceData data, bool published, CancellationToken cancellationToken = default)
    {
        if (!data.Restricted && !published) return;
        foreach (var id in data.MediaIds)
            await media.SetRestrictedAsync(id, data.Restricted, cancellationToken);
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
