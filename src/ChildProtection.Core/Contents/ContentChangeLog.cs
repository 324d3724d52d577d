using ChildProtection.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Core.Contents;

/// <summary>What happened to an item's published version: it is (again) published, or it is gone from public view.</summary>
public enum ContentChangeKind
{
    Published = 0,
    Unpublished = 1,
}

/// <summary>One row of the content change log: written in the same transaction as the change it records.</summary>
public sealed class ContentChangeRecord
{
    /// <summary>The log's order: an identity, committed in order (writers take <see cref="ContentChangeLog.LockAsync"/>).</summary>
    public long Position { get; set; }
    public string ContentItemId { get; set; } = "";
    public ContentChangeKind Kind { get; set; }
    public DateTime CreatedUtc { get; set; }
}

/// <summary>
/// A reader of the log (one per search index, on each node): the last position it applied and when it last
/// said so. The log is trimmed below the slowest reader that is still alive.
/// </summary>
public sealed class ContentChangeReaderRecord
{
    public string Reader { get; set; } = "";
    public long Position { get; set; }
    public DateTime HeartbeatUtc { get; set; }
}

/// <summary>
/// The ordered log of publications and unpublications, for indexes kept outside the database (a Lucene index on
/// each node): a reader applies the changes after its last position and records how far it got. The content
/// manager writes a row inside the transaction of every change of an item's published version, so the log and
/// the content never disagree. Rows are kept until every live reader is past them; a reader silent for longer
/// than the silence limit no longer holds them back, and must rebuild from the database when it returns.
/// </summary>
public interface IContentChangeLog
{
    /// <summary>The newest position (0 when nothing was ever logged).</summary>
    Task<long> LatestAsync(CancellationToken cancellationToken = default);

    /// <summary>Changes after <paramref name="position"/>, oldest first.</summary>
    Task<IReadOnlyList<ContentChangeRecord>> ReadAfterAsync(long position, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that <paramref name="reader"/> has applied everything up to <paramref name="position"/> and is
    /// alive. False when the log no longer holds every change after that position (it was trimmed while the
    /// reader was silent): the reader must rebuild from the database. Registers a new reader.
    /// </summary>
    Task<bool> ReportAsync(string reader, long position, CancellationToken cancellationToken = default);

    /// <summary>Forgets readers silent for longer than <paramref name="silence"/> and removes the rows every remaining reader is past; returns how many rows went.</summary>
    Task<int> TrimAsync(TimeSpan silence, CancellationToken cancellationToken = default);
}

internal sealed class ContentChangeLog(CoreDbContext db, TimeProvider clock) : IContentChangeLog
{
    /// <summary>
    /// PostgreSQL hands out identity values before commit: two transactions can commit positions 11 then 10,
    /// and a reader that has seen 11 would never read 10. Writers of the log (and the trim, and a reader's
    /// registration) therefore take this transaction-level lock; content writes are an editor's clicks, so
    /// the wait is negligible. SQLite serialises writers anyway.
    /// </summary>
    private const long AdvisoryLock = 0x43505F4C4F47; // "CP_LOG"

    public static async Task LockAsync(CoreDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLock})", cancellationToken);
    }

    /// <summary>Adds a row to the context; the caller's transaction (holding <see cref="LockAsync"/>) saves it with the change.</summary>
    public static void Add(CoreDbContext db, string contentItemId, ContentChangeKind kind, DateTime now) =>
        db.ContentChanges.Add(new ContentChangeRecord { ContentItemId = contentItemId, Kind = kind, CreatedUtc = now });

    public async Task<long> LatestAsync(CancellationToken cancellationToken = default) =>
        await db.ContentChanges.AsNoTracking().MaxAsync(c => (long?)c.Position, cancellationToken) ?? 0;

    public async Task<IReadOnlyList<ContentChangeRecord>> ReadAfterAsync(long position, int max, CancellationToken cancellationToken = default) =>
        await db.ContentChanges.AsNoTracking().Where(c => c.Position > position).OrderBy(c => c.Position).Take(max).ToListAsync(cancellationToken);

    public async Task<bool> ReportAsync(string reader, long position, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The common case, once a second per node: the reader's row is there, so the log has kept its rows.
        if (await db.ContentChangeReaders.Where(r => r.Reader == reader)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Position, position).SetProperty(r => r.HeartbeatUtc, now), cancellationToken) > 0)
            return true;
        // New, or forgotten after a long silence: under the trim's lock, check nothing after the position was
        // trimmed, then hold the rows from here on.
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            await LockAsync(db, cancellationToken);
            var oldest = await db.ContentChanges.AsNoTracking().MinAsync(c => (long?)c.Position, cancellationToken);
            // Rows below the oldest kept one were trimmed; the reader has applied everything up to its position.
            if (oldest is { } first && position < first - 1) return false;
            if (await db.ContentChangeReaders.Where(r => r.Reader == reader)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Position, position).SetProperty(r => r.HeartbeatUtc, now), cancellationToken) == 0)
            {
                db.ContentChangeReaders.Add(new ContentChangeReaderRecord { Reader = reader, Position = position, HeartbeatUtc = now });
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
            await tx.CommitAsync(cancellationToken);
            return true;
        });
    }

    public async Task<int> TrimAsync(TimeSpan silence, CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - silence;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
            await LockAsync(db, cancellationToken);
            await db.ContentChangeReaders.Where(r => r.HeartbeatUtc < cutoff).ExecuteDeleteAsync(cancellationToken);
            var slowest = await db.ContentChangeReaders.MinAsync(r => (long?)r.Position, cancellationToken);
            // With no reader left nothing needs the rows; the newest one always stays, so positions never go back
            // and a reader can tell from the oldest kept row whether it missed any.
            var keepFrom = slowest ?? await db.ContentChanges.MaxAsync(c => (long?)c.Position, cancellationToken) ?? 0;
            var newest = await db.ContentChanges.MaxAsync(c => (long?)c.Position, cancellationToken) ?? 0;
            keepFrom = Math.Min(keepFrom, newest);
            var removed = await db.ContentChanges.Where(c => c.Position < keepFrom).ExecuteDeleteAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return removed;
        });
    }
}
