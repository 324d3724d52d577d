using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ChildProtection.Notices.Delivery;

/// <summary>
/// The lanes of this process take turns to write to a SQLite ledger. SQLite admits one writer at a time; a
/// second one is refused (SQLITE_BUSY) and Microsoft.Data.Sqlite tries again after a sleep, so two lanes
/// writing once per message each waited now and then for tens of milliseconds, up to seconds under load
/// (measured: p99 33 ms, worst 4.3 s without turns; worst 0.1 s with them). Waiting here instead costs
/// the other lane's write, a fraction of a millisecond. PostgreSQL locks rows one by one: no turns there.
/// Every write a lane makes goes through it — ledger rows (<see cref="DeliveryLedger"/>) and domain limits
/// (<see cref="DomainThrottle"/>) — and none of them takes a turn while holding one (it is not re-entrant).
/// </summary>
internal static class LedgerWriterTurn
{
    // One for the process, not per database: sites in one process (tests) only wait a little more.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Waits for this process's turn to write to <paramref name="database"/>; at once (and nothing to give back) unless it is SQLite.</summary>
    public static async ValueTask<Turn> TakeAsync(DatabaseFacade database, CancellationToken cancellationToken)
    {
        if (!database.IsSqlite()) return default;
        await Gate.WaitAsync(cancellationToken);
        return new Turn(Gate);
    }

    public readonly struct Turn(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
