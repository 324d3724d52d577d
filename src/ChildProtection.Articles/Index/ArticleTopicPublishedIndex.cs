using ChildProtection.Articles.Data;
using ChildProtection.Core.Contents;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Articles.Index;

/// <summary>
/// The article topic index as Core's start-up catch-up sees it. Filled only when it is empty but articles are
/// published (a site that had articles before this module, or a database restored without the index):
/// refilling it means rewriting every article's rows, too much for every start.
/// </summary>
internal sealed class ArticleTopicPublishedIndex(ArticlesDbContext db) : IPublishedIndex
{
    public IReadOnlyCollection<string> ContentTypes { get; } = [ArticleTopics.ContentType];

    public async Task<bool> NeedsCatchUpAsync(CancellationToken cancellationToken) => !await db.Topics.AnyAsync(cancellationToken);

    public Task UpsertAsync(ContentItem published, CancellationToken cancellationToken)
    {
        var topics = ArticleTopics.Of(published);
        return topics.Count == 0
            ? Task.CompletedTask
            : new ArticleIndexer(db).ReplaceAsync(published.ContentItemId, topics, published.PublishedUtc ?? published.ModifiedUtc ?? DateTime.UtcNow);
    }

    public Task RemoveAsync(string contentItemId, CancellationToken cancellationToken) =>
        db.Topics.Where(t => t.ContentItemId == contentItemId).ExecuteDeleteAsync(cancellationToken);

    public async Task<IReadOnlyCollection<string>> ListedIdsAsync(CancellationToken cancellationToken) =>
        await db.Topics.AsNoTracking().Select(t => t.ContentItemId).Distinct().ToListAsync(cancellationToken);
}
