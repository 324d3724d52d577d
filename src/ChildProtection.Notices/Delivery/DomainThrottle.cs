using System.Collections.Concurrent;
using System.Data.Common;
using ChildProtection.Notices.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Notices.Delivery;

/// <summary>
/// Per-domain limits across nodes, kept in the Notices database every node shares (SQLite for one node,
/// PostgreSQL for several; the same SQL text on both — integer times, CASE instead of GREATEST, ON CONFLICT,
/// RETURNING — so there is no provider switch here).
/// <para>
/// Rate: one row per limited domain holds the earliest moment the next message may go
/// (<see cref="DeliveryDomainRate"/>). Reserving is one conditional UPDATE that moves it on by the spacing
/// (60 s / rate) only if it is within the caller's horizon; the database serialises the updates of one row,
/// so two nodes never get one moment. An idle domain does not bank moments: the next one starts from now.
/// </para>
/// <para>
/// Connections: N slot rows per domain (<see cref="DeliveryDomainSlot"/>); holding one is one conditional
/// UPDATE of a free (or expired) slot. A lane holds a slot only while one message is with the relay and lets go
/// right after its outcome is written; the lease (renewed by the lane's heartbeat) only matters when a node
/// dies holding one: the slot frees itself when the lease ends.
/// </para>
/// Addresses without a limit never reach this class.
/// </summary>
public sealed class DomainThrottle(NoticesDbContext db, DomainThrottleRows rows, TimeProvider clock, ILogger<DomainThrottle> logger) : IAsyncDisposable
{
    /// <summary>A rate moment at most this far away is waited for; a later one defers the row (the lane does not sleep on it).</summary>
    public static readonly TimeSpan WaitAtMost = TimeSpan.FromSeconds(1);

    private DbCommand? reserve, hold, release;

    /// <summary>A gate for one lane run (its claim id holds the slots).</summary>
    public DomainGate GateFor(DeliverySettings settings, string claimId) => new(this, new DomainRules(settings), claimId, clock, logger);

    /// <summary>
    /// Reserves the domain's next moment if it is no later than <paramref name="horizonMs"/>: returns it
    /// (the caller waits until then); otherwise nothing is reserved and the moment that is next is returned
    /// as <c>Next</c> (when to try again).
    /// </summary>
    public async Task<(long? Reserved, long Next)> TryReserveAsync(DomainRule rule, long nowMs, long horizonMs, CancellationToken cancellationToken)
    {
        var spacing = (long)Math.Ceiling(rule.Spacing.TotalMilliseconds);
        for (var attempt = 0; ; attempt++)
        {
            await EnsureRowsAsync(rule, cancellationToken);
            if (reserve is null)
            {
                reserve = await CommandAsync(cancellationToken);
                reserve.CommandText =
                    "UPDATE \"DeliveryDomainRates\" SET \"NextSlotMs\" = CASE WHEN \"NextSlotMs\" < @now THEN @now ELSE \"NextSlotMs\" END + @spacing " +
                    "WHERE \"Domain\" = @d AND \"NextSlotMs\" <= @horizon RETURNING \"NextSlotMs\"";
                foreach (var name in new[] { "@now", "@spacing", "@d", "@horizon" }) Add(reserve, name, null);
            }
            reserve.Parameters["@now"].Value = nowMs;
            reserve.Parameters["@spacing"].Value = spacing;
            reserve.Parameters["@d"].Value = rule.Key;
            reserve.Parameters["@horizon"].Value = horizonMs;
            object? moved;
            using (await LedgerWriterTurn.TakeAsync(db.Database, cancellationToken)) moved = await reserve.ExecuteScalarAsync(cancellationToken);
            if (moved is not null and not DBNull)
            {
                var next = Convert.ToInt64(moved, System.Globalization.CultureInfo.InvariantCulture);
                return (next - spacing, next);
            }
            await using var read = await CommandAsync(cancellationToken);
            read.CommandText = "SELECT \"NextSlotMs\" FROM \"DeliveryDomainRates\" WHERE \"Domain\" = @d";
            Add(read, "@d", rule.Key);
            var current = await read.ExecuteScalarAsync(cancellationToken);
            if (current is not null and not DBNull) return (null, Convert.ToInt64(current, System.Globalization.CultureInfo.InvariantCulture));
            // The row is gone (a database restored under a running node): write it again, once.
            rows.Forget(rule.Key);
            if (attempt > 0) return (null, nowMs + 1000);
        }
    }

    /// <summary>
    /// Takes a free slot of the domain for <paramref name="claimId"/> until <paramref name="leaseUntilMs"/>;
    /// null when all are held. A random free slot rather than the first, so two lanes racing for a domain with
    /// several free slots rarely pick the same one; the loser of a race on one slot finds it held (the UPDATE
    /// checks again) and tries another.
    /// </summary>
    public async Task<int?> TryHoldSlotAsync(DomainRule rule, string claimId, long nowMs, long leaseUntilMs, CancellationToken cancellationToken)
    {
        await EnsureRowsAsync(rule, cancellationToken);
        const string free = "(\"HeldBy\" IS NULL OR \"ExpiresMs\" < @now)";
        if (hold is null)
        {
            hold = await CommandAsync(cancellationToken);
            hold.CommandText =
                "UPDATE \"DeliveryDomainSlots\" SET \"HeldBy\" = @claim, \"ExpiresMs\" = @lease " +
                "WHERE \"Domain\" = @d AND \"Slot\" = (SELECT \"Slot\" FROM \"DeliveryDomainSlots\" WHERE \"Domain\" = @d AND \"Slot\" < @max AND " + free +
                " ORDER BY random() LIMIT 1) AND " + free + " RETURNING \"Slot\"";
            foreach (var name in new[] { "@claim", "@lease", "@d", "@max", "@now" }) Add(hold, name, null);
        }
        hold.Parameters["@claim"].Value = claimId;
        hold.Parameters["@lease"].Value = leaseUntilMs;
        hold.Parameters["@d"].Value = rule.Key;
        hold.Parameters["@max"].Value = rule.Connections;
        hold.Parameters["@now"].Value = nowMs;
        // With one slot a lost race means it is held; with several, another may still be free.
        for (var attempt = 0; attempt < Math.Min(rule.Connections, 3); attempt++)
        {
            object? slot;
            using (await LedgerWriterTurn.TakeAsync(db.Database, cancellationToken)) slot = await hold.ExecuteScalarAsync(cancellationToken);
            if (slot is not null and not DBNull) return Convert.ToInt32(slot, System.Globalization.CultureInfo.InvariantCulture);
        }
        return null;
    }

    public async Task ReleaseSlotAsync(string domain, int slot, string claimId, CancellationToken cancellationToken)
    {
        if (release is null)
        {
            release = await CommandAsync(cancellationToken);
            release.CommandText = "UPDATE \"DeliveryDomainSlots\" SET \"HeldBy\" = NULL, \"ExpiresMs\" = 0 WHERE \"Domain\" = @d AND \"Slot\" = @s AND \"HeldBy\" = @claim";
            foreach (var name in new[] { "@d", "@s", "@claim" }) Add(release, name, null);
        }
        release.Parameters["@d"].Value = domain;
        release.Parameters["@s"].Value = slot;
        release.Parameters["@claim"].Value = claimId;
        using var turn = await LedgerWriterTurn.TakeAsync(db.Database, cancellationToken);
        await release.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The lane's heartbeat: a message that takes longer than the lease keeps its slot.</summary>
    public async Task RenewAsync(string claimId, long leaseUntilMs, CancellationToken cancellationToken)
    {
        await using var cmd = await CommandAsync(cancellationToken);
        cmd.CommandText = "UPDATE \"DeliveryDomainSlots\" SET \"ExpiresMs\" = @lease WHERE \"HeldBy\" = @claim";
        Add(cmd, "@lease", leaseUntilMs);
        Add(cmd, "@claim", claimId);
        using (await LedgerWriterTurn.TakeAsync(db.Database, cancellationToken)) await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The rate row and the first N slot rows of a domain exist (written once per domain and size per
    /// process; ON CONFLICT makes a second node's or a second process's write harmless). Slots beyond a
    /// lowered limit stay, unused: the UPDATE only looks at slots below the limit.
    /// </summary>
    private async Task EnsureRowsAsync(DomainRule rule, CancellationToken cancellationToken)
    {
        if (rows.Has(rule)) return;
        await using var cmd = await CommandAsync(cancellationToken);
        var sql = new System.Text.StringBuilder();
        sql.Append("INSERT INTO \"DeliveryDomainRates\" (\"Domain\", \"NextSlotMs\") VALUES (@d, 0) ON CONFLICT (\"Domain\") DO NOTHING;");
        if (rule.Connections > 0)
        {
            sql.Append(" INSERT INTO \"DeliveryDomainSlots\" (\"Domain\", \"Slot\", \"HeldBy\", \"ExpiresMs\") VALUES ");
            sql.AppendJoin(", ", Enumerable.Range(0, rule.Connections).Select(i => $"(@d, {i}, NULL, 0)"));
            sql.Append(" ON CONFLICT (\"Domain\", \"Slot\") DO NOTHING;");
        }
        cmd.CommandText = sql.ToString();
        Add(cmd, "@d", rule.Key);
        using (await LedgerWriterTurn.TakeAsync(db.Database, cancellationToken)) await cmd.ExecuteNonQueryAsync(cancellationToken);
        rows.Remember(rule);
    }

    private async Task<DbCommand> CommandAsync(CancellationToken cancellationToken)
    {
        // The context's connection, as the ledger uses it (opened once for the lane's run).
        if (db.Database.GetDbConnection().State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(cancellationToken);
        var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return cmd;
    }

    private static void Add(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var cmd in new[] { reserve, hold, release }) if (cmd is not null) await cmd.DisposeAsync();
        reserve = hold = release = null;
    }

    public static long ToMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();
    public static DateTime FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
}

/// <summary>Which domains' throttle rows this process has written (a singleton: the rows are written once).</summary>
public sealed class DomainThrottleRows
{
    private readonly ConcurrentDictionary<string, int> slots = new(StringComparer.Ordinal);

    public bool Has(DomainRule rule) => slots.TryGetValue(rule.Key, out var n) && n >= rule.Connections;
    public void Remember(DomainRule rule) => slots.AddOrUpdate(rule.Key, rule.Connections, (_, n) => Math.Max(n, rule.Connections));
    public void Forget(string key) => slots.TryRemove(key, out _);
}
