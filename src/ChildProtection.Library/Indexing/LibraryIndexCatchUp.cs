using ChildProtection.Core.Contents;
using ChildProtection.Library.Data;
using ChildProtection.Library.Parts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Library.Indexing;

/// <summary>
/// At start-up, rebuilds the index from the published resources: items published by another process
/// (the recipe command line) or before this module existed appear, and rows of items gone meanwhile go.
/// </summary>
internal sealed class LibraryIndexCatchUp(IServiceProvider services, ILogger<LibraryIndexCatchUp> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try { await RebuildAsync(services, cancellationToken); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A site that is not set up yet has no tables for content; the events fill the index later.
            logger.LogWarning(ex, "The library index could not be rebuilt at start-up");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task<int> RebuildAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var index = scope.ServiceProvider.GetRequiredService<LibraryIndex>();
        var db = scope.ServiceProvider.GetRequiredService<LibraryDbContext>();
        var seen = new HashSet<string>();
        for (var page = 1; ; page++)
        {
            var batch = await contents.ListPublishedAsync(ResourceData.TypeName, page, 100, cancellationToken);
            foreach (var item in batch.Items)
            {
                await index.UpsertAsync(item, cancellationToken);
                seen.Add(item.ContentItemId);
            }
            if (page >= batch.PageCount) break;
        }
        var stale = (await db.Entries.Select(e => e.ContentItemId).ToListAsync(cancellationToken)).Where(id => !seen.Contains(id)).ToList();
        foreach (var id in stale) await index.RemoveAsync(id, cancellationToken);
        return seen.Count;
    }
}
