using ChildProtection.Campaigns.Data;
using ChildProtection.Core.Contents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Campaigns.Related;

/// <summary>
/// After start-up: when the link index is empty but articles, resources or events are published (a site
/// that had them before this module, or a database restored without the index), fills it from them.
/// </summary>
internal sealed class CampaignLinkCatchUp(IServiceScopeFactory scopes, ILogger<CampaignLinkCatchUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Migrations run in the first hosted service; give the site a moment to finish starting.
            await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            await FillIfEmptyAsync(scopes, stoppingToken);
        }
        catch (OperationCanceledException) { }
        catch (Exception ex) { logger.LogWarning(ex, "Filling the campaign link index failed"); }
    }

    internal static async Task<int> FillIfEmptyAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CampaignsDbContext>();
        if (await db.Links.AnyAsync(cancellationToken)) return 0;
        var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var indexer = new CampaignLinkIndexer(db);
        var count = 0;
        foreach (var type in CampaignLinkIndexer.Types)
        {
            for (var page = 1; ; page++)
            {
                var batch = await contents.ListPublishedAsync(type, page, 100, cancellationToken);
                foreach (var item in batch.Items)
                {
                    var links = CampaignLinkIndexer.LinksOf(item);
                    if (links.Count == 0) continue;
                    await indexer.ReplaceAsync(item.ContentItemId, item.ContentType, links, item.PublishedUtc ?? item.ModifiedUtc ?? DateTime.UtcNow);
                    count++;
                }
                if (page >= batch.PageCount) break;
            }
        }
        return count;
    }
}
