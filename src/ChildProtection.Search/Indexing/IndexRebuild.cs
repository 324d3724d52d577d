using ChildProtection.Core.Contents;
using ChildProtection.Core.Data;
using ChildProtection.Core.Parts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Search.Indexing;

/// <summary>Where a rebuild stands, for the admin page.</summary>
internal sealed record RebuildStatus(bool Running, int Done, int Total, DateTime? StartedUtc, DateTime? FinishedUtc, int? Indexed, string? StartedBy, bool Failed);

/// <summary>
/// Rebuilds the index from the published items in the database. The index stays searchable throughout, and
/// the change feed keeps applying the log meanwhile: items are written over their old documents (unless the
/// feed wrote them since the rebuild began), and only at the end are documents of items no longer published
/// taken out (each checked once more against the database, and never one the feed wrote meanwhile). One
/// rebuild at a time per process; other nodes go on serving from their own indexes.
/// </summary>
internal sealed class IndexRebuild(SearchIndex index, IServiceScopeFactory scopes, ILogger<IndexRebuild> logger)
{
    private const int CommitEvery = 5_000;
    private readonly SemaphoreSlim running = new(1, 1);
    private volatile RebuildStatus status = new(false, 0, 0, null, null, null, null, false);

    public RebuildStatus Status => status;

    /// <summary>Starts a rebuild in the background; false when one is already running.</summary>
    public bool TryStart(string? user)
    {
        if (!running.Wait(0)) return false;
        status = new RebuildStatus(true, 0, 0, DateTime.UtcNow, null, null, user, false);
        _ = Task.Run(async () =>
        {
            try { await RunLockedAsync(user, CancellationToken.None); }
            catch (Exception ex) { logger.LogError(ex, "Rebuilding the search index failed"); }
            finally { running.Release(); }
        });
        return true;
    }

    /// <summary>Rebuilds now and returns how many items are in the index (the command line and the benchmark).</summary>
    public async Task<int> RunAsync(string? user, CancellationToken cancellationToken)
    {
        await running.WaitAsync(cancellationToken);
        try { return await RunLockedAsync(user, cancellationToken); }
        finally { running.Release(); }
    }

    private async Task<int> RunLockedAsync(string? user, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        status = new RebuildStatus(true, 0, 0, started, null, null, user, false);
        try
        {
            var count = await RebuildAsync(cancellationToken);
            status = new RebuildStatus(false, status.Done, status.Total, started, DateTime.UtcNow, count, user, false);
            logger.LogInformation("Search index rebuilt: {Count} items", count);
            return count;
        }
        catch
        {
            status = status with { Running = false, FinishedUtc = DateTime.UtcNow, Failed = true };
            throw;
        }
    }

    private async Task<int> RebuildAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (!index.EnsureOpen())
        {
            // The index missed changes: it starts again from the log's newest position, read before the database
            // is, and holds the log's rows from there on while the change feed applies what comes meanwhile.
            var log = scope.ServiceProvider.GetRequiredService<IContentChangeLog>();
            index.StartOver(await log.LatestAsync(cancellationToken));
            await log.ReportAsync(index.ReaderId, index.Applied, cancellationToken);
        }
        var before = index.AllIds();
        index.BeginTracking();
        try
        {
            var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
            var topicNames = await TopicNames.LoadAsync(scope.ServiceProvider.GetRequiredService<ITaxonomyLookup>(), cancellationToken);
            var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
            var seen = new HashSet<string>();
            var done = 0;
            var total = await PublishedItems.CountAsync(db, cancellationToken);
            status = status with { Total = total };
            await foreach (var batch in PublishedItems.ReadAsync(db, cancellationToken))
            {
                foreach (var item in batch)
                {
                    if (SearchDocument.From(item, topicNames) is { } document && seen.Add(document.Id)) index.UpsertFromRebuild(document);
                    if (++done % CommitEvery == 0) index.Commit();
                }
                status = status with { Done = done, Total = Math.Max(total, done) };
            }

            // Whatever was in the index and was not seen (unpublished meanwhile, or published again under a
            // new row the read had passed) is looked up once more before it is taken out.
            var touchedMeanwhile = index.EndTracking().ToHashSet();
            foreach (var id in before.Where(id => !seen.Contains(id) && !touchedMeanwhile.Contains(id)))
            {
                var item = await contents.GetAsync(id, VersionOptions.Published, cancellationToken);
                if (item is not null && SearchDocument.From(item, topicNames) is { } document)
                {
                    index.UpsertFromRebuild(document);
                    seen.Add(id);
                }
                else index.Delete(id);
            }
            // Complete: the final commit carries the log position, so the next start catches up instead of rebuilding.
            index.MarkRebuilt();
            index.Optimize();
            return index.Count;
        }
        finally
        {
            index.EndTracking();
        }
    }
}
