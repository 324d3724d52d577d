using ChildProtection.Articles.Data;
using ChildProtection.Core.Contents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Articles.Index;

/// <summary>
/// After start-up: when the topic index is empty but articles are published (a site that had articles
/// before this module, or a database restored without the index), fills it from the published articles.
/// </summary>
internal sealed class ArticleIndexStartup(IServiceScopeFactory scopes, ILogger<ArticleIndexStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Migrations run in the first hosted service; give the site a moment to finish starting.
            await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            await RebuildIfEmptyAsync(scopes, stoppingToken);
        }
        catch (OperationCanceledException) { }
        catch (Exception ex) { logger.LogWarning(ex, "Filling the article topic index failed"); }
    }

    internal static async Task<int> RebuildIfEmptyAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ArticlesDbContext>();
        if (await db.Topics.AnyAsync(cancellationToken)) return 0;
        var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var indexer = new ArticleIndexer(db);
        var count = 0;
        for (var page = 1; ; page++)
        {
            var batch = await contents.ListPublishedAsync(ArticleTopics.ContentType, page, 100, cancellationToken);
            foreach (var item in batch.Items)
            {
                var topics = ArticleTopics.Of(item);
                if (topics.Count == 0) continue;
                await indexer.ReplaceAsync(item.ContentItemId, topics, item.PublishedUtc ?? item.ModifiedUtc ?? DateTime.UtcNow);
                count++;
            }
            if (page >= batch.PageCount) break;
        }
        return count;
    }
}
