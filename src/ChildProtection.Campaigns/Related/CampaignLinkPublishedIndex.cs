using ChildProtection.Campaigns.Data;
using ChildProtection.Core.Contents;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Campaigns.Related;

/// <summary>
/// The campaign link index as Core's start-up catch-up sees it. Filled only when it is empty but articles,
/// resources or events are published (a site that had them before this module, or a database restored
/// without the index): refilling it means rewriting every article's links, too much for every start.
/// </summary>
internal sealed class CampaignLinkPublishedIndex(CampaignsDbContext db) : IPublishedIndex
{
    public IReadOnlyCollection<string> ContentTypes => CampaignLinkIndexer.Types;

    public async Task<bool> NeedsCatchUpAsync(CancellationToken cancellationToken) => !await db.Links.AnyAsync(cancellationToken);

    public Task UpsertAsync(ContentItem published, CancellationToken cancellationToken)
    {
        var links = CampaignLinkIndexer.LinksOf(published);
        return links.Count == 0
            ? Task.CompletedTask
            : new CampaignLinkIndexer(db).ReplaceAsync(published.ContentItemId, published.ContentType, links, published.PublishedUtc ?? published.ModifiedUtc ?? DateTime.UtcNow);
    }

    public Task RemoveAsync(string contentItemId, CancellationToken cancellationToken) =>
        db.Links.Where(l => l.ContentItemId == contentItemId).ExecuteDeleteAsync(cancellationToken);

    public async Task<IReadOnlyCollection<string>> ListedIdsAsync(CancellationToken cancellationToken) =>
        await db.Links.AsNoTracking().Select(l => l.ContentItemId).Distinct().ToListAsync(cancellationToken);
}
