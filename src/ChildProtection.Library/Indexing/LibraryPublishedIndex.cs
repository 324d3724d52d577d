using ChildProtection.Core.Contents;
using ChildProtection.Library.Data;
using ChildProtection.Library.Parts;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Library.Indexing;

/// <summary>
/// The library index as Core's start-up catch-up sees it: resources published by another process (the recipe
/// command line) or before this module existed appear, and rows of items gone meanwhile go.
/// </summary>
internal sealed class LibraryPublishedIndex(LibraryIndex index, LibraryDbContext db) : IPublishedIndex
{
    public IReadOnlyCollection<string> ContentTypes { get; } = [ResourceData.TypeName];

    public Task UpsertAsync(ContentItem published, CancellationToken cancellationToken) => index.UpsertAsync(published, cancellationToken);

    public Task RemoveAsync(string contentItemId, CancellationToken cancellationToken) => index.RemoveAsync(contentItemId, cancellationToken);

    public async Task<IReadOnlyCollection<string>> ListedIdsAsync(CancellationToken cancellationToken) =>
        await db.Entries.AsNoTracking().Select(e => e.ContentItemId).ToListAsync(cancellationToken);
}
