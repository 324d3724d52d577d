using ChildProtection.Core.Caching;
using ChildProtection.Core.Data;
using ChildProtection.Core.Settings;
using Microsoft.EntityFrameworkCore.Storage;

namespace ChildProtection.Core.Contents;

/// <summary>
/// One transaction around several engine writes (a whole recipe). While it is open, the content
/// manager joins it instead of committing on its own, and content events wait until it commits — a
/// search index never learns about items that were rolled back.
/// </summary>
public sealed class ContentUnitOfWork(CoreDbContext db, IDocumentStore documents, IPublicPageCache pages)
{
    private IDbContextTransaction? transaction;
    private readonly List<Func<Task>> afterCommit = [];

    public bool IsActive => transaction is not null;

    public async Task BeginAsync(CancellationToken cancellationToken = default)
    {
        if (transaction is not null) throw new InvalidOperationException("A unit of work is already open.");
        transaction = await db.Database.BeginTransactionAsync(cancellationToken);
    }

    public void Defer(Func<Task> action) => afterCommit.Add(action);

    /// <summary>
    /// Commits, then runs <paramref name="beforeEvents"/> (a recipe's writes outside this transaction: files
    /// stored, directory rows, roles) and only then the deferred content events, so an index fed by those
    /// events finds what they refer to (a resource's cover, a campaign's reach rows) already in place.
    /// </summary>
    public async Task CommitAsync(IReadOnlyList<Func<Task>> beforeEvents, CancellationToken cancellationToken = default)
    {
        afterCommit.InsertRange(0, beforeEvents);
        await CommitAsync(cancellationToken);
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        if (transaction is null) return;
        await transaction.CommitAsync(cancellationToken);
        await transaction.DisposeAsync();
        transaction = null;
        // A request that read a document while this transaction was open cached the old committed
        // value after our save had evicted it; drop the cache again now that the new value is visible.
        documents.ClearCache();
        // Documents saved inside the transaction evicted the site's pages and values before the commit; other
        // nodes (and requests here) may have read the old committed state since. Once more, now it is visible.
        await pages.EvictAsync([PageCacheTags.Site], CancellationToken.None);
        var actions = afterCommit.ToList();
        afterCommit.Clear();
        foreach (var action in actions) await action();
    }

    public async Task RollbackAsync()
    {
        if (transaction is null) return;
        await transaction.RollbackAsync();
        await transaction.DisposeAsync();
        transaction = null;
        afterCommit.Clear();
        db.ChangeTracker.Clear();
        // Reads inside the transaction may have cached documents that no longer exist.
        documents.ClearCache();
    }
}
