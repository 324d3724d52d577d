using ChildProtection.Core.Contents;
using ChildProtection.Events.Data;
using ChildProtection.Events.Parts;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Events.Indexing;

/// <summary>
/// The event schedule as Core's start-up catch-up sees it: events published by another process (the recipe
/// command line) or before this module existed appear, and rows of items gone meanwhile are unlisted. Nobody
/// is mailed from here: what changed while the site was down is not news to announce at start-up.
/// </summary>
internal sealed class EventPublishedIndex(EventIndex index, EventsDbContext db) : IPublishedIndex
{
    public IReadOnlyCollection<string> ContentTypes { get; } = [EventData.TypeName];

    public Task UpsertAsync(ContentItem published, CancellationToken cancellationToken) => index.UpsertAsync(published, cancellationToken);

    public Task RemoveAsync(string contentItemId, CancellationToken cancellationToken) => index.UnlistAsync(contentItemId, cancellationToken);

    public async Task<IReadOnlyCollection<string>> ListedIdsAsync(CancellationToken cancellationToken) =>
        await db.Entries.AsNoTracking().Where(e => e.Listed).Select(e => e.ContentItemId).ToListAsync(cancellationToken);
}
