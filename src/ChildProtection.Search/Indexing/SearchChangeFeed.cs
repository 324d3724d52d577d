using ChildProtection.Core.Contents;
using ChildProtection.Core.Data;
using ChildProtection.Core.Parts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Search.Indexing;

/// <summary>
/// Applies the content change log to this node's index: the changes after the index's position, a batch at a
/// time, each item read again from the database (its published version now, whatever the order of the changes
/// in between) and written or taken out; the batch's last position is committed with the documents. One
/// application at a time; the node's own writes apply at once (<see cref="SearchContentEvents"/>), the other
/// nodes' when their eviction message wakes the loop or at the next poll.
/// </summary>
internal sealed class SearchChangeFeed(SearchIndex index, IServiceScopeFactory scopes)
{
    public const int BatchSize = 500;
    private readonly SemaphoreSlim applying = new(1, 1);
    private readonly SemaphoreSlim wake = new(0, 1);

    /// <summary>Ends the loop's wait now (another node wrote).</summary>
    public void Wake()
    {
        if (wake.CurrentCount == 0)
        {
            try { wake.Release(); }
            catch (SemaphoreFullException) { }
        }
    }

    /// <summary>Waits until woken or the poll interval passes.</summary>
    public Task WaitAsync(TimeSpan poll, CancellationToken cancellationToken) => wake.WaitAsync(poll, cancellationToken);

    /// <summary>Applies everything logged after the index's position; returns how many changes.</summary>
    public async Task<int> ApplyPendingAsync(CancellationToken cancellationToken)
    {
        await applying.WaitAsync(cancellationToken);
        try
        {
            var total = 0;
            while (true)
            {
                await using var scope = scopes.CreateAsyncScope();
                var log = scope.ServiceProvider.GetRequiredService<IContentChangeLog>();
                var changes = await log.ReadAfterAsync(index.Applied, BatchSize, cancellationToken);
                if (changes.Count == 0) return total;
                var ids = changes.Select(c => c.ContentItemId).Distinct().ToList();
                var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
                var published = true;
                var removed = false;
                var rows = await db.ContentItems.AsNoTracking()
                    .Where(r => ids.Contains(r.ContentItemId) && r.Published == published && r.Removed == removed)
                    .ToDictionaryAsync(r => r.ContentItemId, cancellationToken);
                var topicNames = await TopicNames.LoadAsync(scope.ServiceProvider.GetRequiredService<ITaxonomyLookup>(), cancellationToken);
                foreach (var id in ids)
                {
                    // Not published now, made restricted, or without an address: it may not be found.
                    if (rows.TryGetValue(id, out var row) && SearchDocument.From(PublishedItems.ToItem(row), topicNames) is { } document) index.Upsert(document);
                    else index.Delete(id);
                }
                index.Applied = changes[^1].Position;
                index.Commit();
                total += changes.Count;
                if (changes.Count < BatchSize) return total;
            }
        }
        finally
        {
            applying.Release();
        }
    }
}
