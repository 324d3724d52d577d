using ChildProtection.Articles.Data;
using ChildProtection.Core.Contents;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Articles.Index;

/// <summary>
/// Keeps the topic index in step with publication: a published article's rows are replaced by its new
/// topics; unpublishing or removing it drops them. Runs after Core has committed the change.
/// </summary>
internal sealed class ArticleIndexer(ArticlesDbContext db) : IContentEventHandler
{
    public Task PublishedAsync(ContentItem item) =>
        item.ContentType == ArticleTopics.ContentType ? ReplaceAsync(item.ContentItemId, ArticleTopics.Of(item), item.PublishedUtc ?? DateTime.UtcNow) : Task.CompletedTask;

    public Task UnpublishedAsync(ContentItem item) =>
        item.ContentType == ArticleTopics.ContentType ? ReplaceAsync(item.ContentItemId, [], default) : Task.CompletedTask;

    public Task RemovedAsync(ContentItem item) =>
        item.ContentType == ArticleTopics.ContentType ? ReplaceAsync(item.ContentItemId, [], default) : Task.CompletedTask;

    internal async Task ReplaceAsync(string contentItemId, IReadOnlyList<string> termIds, DateTime publishedUtc)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.Topics.Where(t => t.ContentItemId == contentItemId).ExecuteDeleteAsync();
        foreach (var term in termIds)
            db.Topics.Add(new ArticleTopicRecord { TermId = term, ContentItemId = contentItemId, PublishedUtc = publishedUtc });
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        db.ChangeTracker.Clear();
    }
}
