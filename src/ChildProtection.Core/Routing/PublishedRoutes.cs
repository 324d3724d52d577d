using ChildProtection.Core.Contents;
using ChildProtection.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Core.Routing;

/// <summary>One published item with a public address, as a sitemap lists it.</summary>
public sealed record PublishedRoute(long Key, string ContentItemId, string ContentType, string Path, DateTime ModifiedUtc);

/// <summary>
/// Every published item that has an address and does not ask to be hidden from search engines, read
/// in pages by a stable key (a sitemap of 100,000 addresses must not load them all, nor page by offset).
/// </summary>
public interface IPublishedRoutes
{
    Task<int> CountAsync(CancellationToken cancellationToken = default);
    /// <summary>Up to <paramref name="take"/> routes whose key is greater than <paramref name="afterKey"/>, in key order.</summary>
    Task<IReadOnlyList<PublishedRoute>> ListAsync(long afterKey, int take, CancellationToken cancellationToken = default);
}

internal sealed class PublishedRoutes(CoreDbContext db) : IPublishedRoutes
{
    // The SeoPart stores "NoIndex":true in the item's JSON, written without spaces (ContentManager's
    // serializer), so a plain text match excludes those items without reading every document.
    private const string NoIndexMarker = "\"NoIndex\":true";

    private IQueryable<ContentItemRecord> Query()
    {
        var published = true;
        var removed = false;
        return db.ContentItems.AsNoTracking()
            .Where(r => r.Published == published && r.Removed == removed && r.Path != null && r.Path != "" && !r.Data.Contains(NoIndexMarker));
    }

    public Task<int> CountAsync(CancellationToken cancellationToken = default) => Query().CountAsync(cancellationToken);

    public async Task<IReadOnlyList<PublishedRoute>> ListAsync(long afterKey, int take, CancellationToken cancellationToken = default) =>
        await Query().Where(r => r.Id > afterKey).OrderBy(r => r.Id).Take(Math.Clamp(take, 1, 50_000))
            .Select(r => new PublishedRoute(r.Id, r.ContentItemId, r.ContentType, r.Path!, r.ModifiedUtc))
            .ToListAsync(cancellationToken);
}
