using ChildProtection.Core.Contents;
using ChildProtection.Events.Data;
using ChildProtection.Events.Parts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Events.Indexing;

/// <summary>
/// At start-up, brings the schedule in step with the published events: items published by another process
/// (the recipe command line) or before this module existed appear, and rows of items gone meanwhile are unlisted.
/// </summary>
internal sealed class EventIndexCatchUp(IServiceProvider services, ILogger<EventIndexCatchUp> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try { await RebuildAsync(services, cancellationToken); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A site that is not set up yet has no content tables; the content events fill the schedule later.
            logger.LogWarning(ex, "The event schedule could not be brought up to date at start-up");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task<int> RebuildAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
        var index = scope.ServiceProvider.GetRequiredService<EventIndex>();
        var db = scope.ServiceProvider.GetRequiredService<EventsDbContext>();
        var seen = new HashSet<string>();
        for (var page = 1; ; page++)
        {
            var batch = await contents.ListPublishedAsync(EventData.TypeName, page, 100, cancellationToken);
            foreach (var item in batch.Items)
            {
                await index.UpsertAsync(item, cancellationToken);
                seen.Add(item.ContentItemId);
            }
            if (page >= batch.PageCount) break;
        }
        var listed = await db.Entries.Where(e => e.Listed).Select(e => e.ContentItemId).ToListAsync(cancellationToken);
        foreach (var id in listed.Where(id => !seen.Contains(id))) await index.UnlistAsync(id, cancellationToken);
        return seen.Count;
    }
}
