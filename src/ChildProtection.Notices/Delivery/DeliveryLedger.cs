using System.Data.Common;
using ChildProtection.Notices.Data;
using ChildProtection.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ChildProtection.Notices.Delivery;

/// <summary>A ledger row a lane has claimed: just what composing the message needs.</summary>
/// <param name="LastError">The row's note as claimed (an earlier failure, or that an earlier send was interrupted).</param>
public sealed record ClaimedRow(long Id, string Email, string? ContactName, string OrganisationName, int Attempts, string? LastError = null)
{
    /// <summary>For the personal fields (<c>ma_don_vi</c>, and the directory's ward).</summary>
    public int OrganisationId { get; init; }
    public string OrganisationCode { get; init; } = "";
}

/// <summary>What happened to one claimed row, written before the lane's next message.</summary>
/// <param name="KeepEarlierNote">The row carried a note when claimed: it moves to the row's history, if it is not there yet.</param>
public readonly record struct RowOutcome(long Id, DeliveryStatus Status, int Attempts, DateTime AttemptUtc, DateTime? SentUtc, DateTime? NextAttemptUtc, string? LastError, string? ServerReply, bool KeepEarlierNote = false);

/// <summary>
/// The ledger's hot statements in plain SQL (the same text on SQLite and PostgreSQL, quoted identifiers,
/// named parameters): multi-row inserts that never touch the change tracker, an atomic claim that hands
/// each row to exactly one lane, and result writes batched in one transaction. Everything else goes
/// through EF.
/// </summary>
public sealed class DeliveryLedger(NoticesDbContext db) : IAsyncDisposable
{
    // PostgreSQL: rows per INSERT … SELECT FROM unnest(arrays).
    private const int InsertBatch = 5000;

    private bool IsPostgres => !db.Database.IsSqlite();

    /// <summary>
    /// Writes one Queued row per address inside the caller's transaction, as the addresses stream in (a
    /// notice to 100,000 recipients never holds them all). ON CONFLICT on (NoticeId, Email) keeps the first
    /// row for an address and makes a repeat harmless; blank addresses are skipped.
    /// </summary>
    /// <returns>Rows written, and addresses offered (the difference is duplicates and blanks).</returns>
    public async Task<(int Written, int Offered)> InsertRecipientsAsync(int noticeId, IAsyncEnumerable<DirectoryRecipient> recipients, CancellationToken cancellationToken)
    {
        var offered = 0;
        async IAsyncEnumerable<DirectoryRecipient> Counted()
        {
            await foreach (var r in recipients.WithCancellation(cancellationToken))
            {
                offered++;
                if (!string.IsNullOrWhiteSpace(r.Email)) yield return r;
            }
        }
        var written = IsPostgres ? await InsertInBatchesAsync(noticeId, Counted(), cancellationToken) : await InsertOneByOneAsync(noticeId, Counted(), cancellationToken);
        return (written, offered);
    }

    private async Task<int> InsertInBatchesAsync(int noticeId, IAsyncEnumerable<DirectoryRecipient> recipients, CancellationToken cancellationToken)
    {
        var written = 0;
        var batch = new List<DirectoryRecipient>(InsertBatch);
        await foreach (var r in recipients)
        {
            batch.Add(r);
            if (batch.Count == InsertBatch)
            {
                written += await InsertArraysAsync(noticeId, batch, cancellationToken);
                batch.Clear();
            }
        }
        if (batch.Count > 0) written += await InsertArraysAsync(noticeId, batch, cancellationToken);
        return written;
    }

    /// <summary>
    /// PostgreSQL: thousands of rows per statement as five array parameters unnested by the server — one
    /// round trip, and no statement text with thousands of parameters to rewrite.
    /// </summary>
    private async Task<int> InsertArraysAsync(int noticeId, List<DirectoryRecipient> batch, CancellationToken cancellationToken)
    {
        await using var cmd = await CommandAsync(cancellationToken);
        cmd.CommandText =
            "INSERT INTO \"NoticeRecipients\" (\"NoticeId\", \"Email\", \"ContactName\", \"OrganisationId\", \"OrganisationCode\", \"OrganisationName\", \"Status\", \"Attempts\", \"RemindersSent\") " +
            "SELECT @n, t.e, t.c, t.o, t.k, t.m, 0, 0, 0 FROM unnest(@e, @c, @o, @k, @m) AS t(e, c, o, k, m) " +
            "ON CONFLICT (\"NoticeId\", \"Email\") DO NOTHING";
        Add(cmd, "@n", noticeId);
        Add(cmd, "@e", batch.Select(r => Cut(NormaliseEmail(r.Email), 320)!).ToArray());
        Add(cmd, "@c", batch.Select(r => string.IsNullOrWhiteSpace(r.ContactName) ? null : Cut(r.ContactName.Trim(), 200)).ToArray());
        Add(cmd, "@o", batch.Select(r => r.OrganisationId).ToArray());
        Add(cmd, "@k", batch.Select(r => Cut(r.OrganisationCode, 50)!).ToArray());
        Add(cmd, "@m", batch.Select(r => Cut(r.OrganisationName, 300)!).ToArray());
        return await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// SQLite has no network round trip to save, and binds parameters by name with a linear search, so a
    /// 2,000-parameter statement costs more than it saves: one prepared single-row INSERT, run once per
    /// row inside the caller's transaction, is the fastest way in.
    /// </summary>
    private async Task<int> InsertOneByOneAsync(int noticeId, IAsyncEnumerable<DirectoryRecipient> recipients, CancellationToken cancellationToken)
    {
        await using var cmd = await CommandAsync(cancellationToken);
        cmd.CommandText =
            "INSERT INTO \"NoticeRecipients\" (\"NoticeId\", \"Email\", \"ContactName\", \"OrganisationId\", \"OrganisationCode\", \"OrganisationName\", \"Status\", \"Attempts\", \"RemindersSent\") " +
            "VALUES (@n, @e, @c, @o, @k, @m, 0, 0, 0) ON CONFLICT (\"NoticeId\", \"Email\") DO NOTHING";
        Add(cmd, "@n", noticeId);
        var e = Add(cmd, "@e", "");
        var c = Add(cmd, "@c", "");
        var o = Add(cmd, "@o", 0);
        var k = Add(cmd, "@k", "");
        var m = Add(cmd, "@m", "");
        var written = 0;
        await foreach (var r in recipients)
        {
            e.Value = Cut(NormaliseEmail(r.Email), 320);
            c.Value = string.IsNullOrWhiteSpace(r.ContactName) ? DBNull.Value : Cut(r.ContactName.Trim(), 200);
            o.Value = r.OrganisationId;
            k.Value = Cut(r.OrganisationCode, 50);
            m.Value = Cut(r.OrganisationName, 300);
            written += await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
        return written;
    }

    /// <summary>
    /// Moves up to <paramref name="size"/> due Queued rows, and Sending rows whose lease ran out (their lane's
    /// process died), to Sending for <paramref name="claimId"/> in one statement and returns them. The status is checked again by the UPDATE itself, so two lanes never hold
    /// one row: SQLite runs writers one at a time, and on PostgreSQL the subquery skips rows another lane
    /// has locked (FOR UPDATE SKIP LOCKED) instead of waiting for them.
    /// <para>
    /// Of the rows taken over from a dead lane, only the one it had on the wire (<see cref="NoticeRecipient.OnWireSinceUtc"/>)
    /// may have been accepted without that being recorded: it alone is marked possibly doubled and says so;
    /// the others were never handed to the server and are sent as if for the first time.
    /// </para>
    /// </summary>
    public async Task<List<ClaimedRow>> ClaimAsync(int noticeId, string claimId, int size, DateTime now, DateTime leaseUntil, CancellationToken cancellationToken)
    {
        using var turn = await LedgerWriterTurn.TakeAsync(db.Database, cancellationToken);
        await using var cmd = await CommandAsync(cancellationToken);
        const string claimable = "((\"Status\" = 0 AND (\"NextAttemptUtc\" IS NULL OR \"NextAttemptUtc\" <= @now)) " +
            "OR (\"Status\" = 1 AND (\"ClaimExpiresUtc\" IS NULL OR \"ClaimExpiresUtc\" < @now)))";
        const string wasOnWire = "\"Status\" = 1 AND \"OnWireSinceUtc\" IS NOT NULL";
        cmd.CommandText =
            "UPDATE \"NoticeRecipients\" SET \"Status\" = 1, \"ClaimedBy\" = @claim, \"ClaimExpiresUtc\" = @lease, " +
            "\"LastError\" = CASE WHEN " + wasOnWire + " THEN @expired ELSE \"LastError\" END, " +
            "\"PossiblyDoubled\" = CASE WHEN " + wasOnWire + " THEN @yes ELSE \"PossiblyDoubled\" END, \"OnWireSinceUtc\" = NULL " +
            "WHERE \"Id\" IN (SELECT \"Id\" FROM \"NoticeRecipients\" WHERE \"NoticeId\" = @n AND " + claimable +
            " LIMIT @size" + (IsPostgres ? " FOR UPDATE SKIP LOCKED" : "") + ") " +
            "AND " + claimable + " " +
            "RETURNING \"Id\", \"Email\", \"ContactName\", \"OrganisationName\", \"Attempts\", \"LastError\", \"OrganisationId\", \"OrganisationCode\"";
        Add(cmd, "@claim", claimId);
        Add(cmd, "@lease", leaseUntil);
        Add(cmd, "@n", noticeId);
        Add(cmd, "@now", now);
        Add(cmd, "@size", size);
        Add(cmd, "@expired", DeliveryRecovery.LeaseExpired);
        Add(cmd, "@yes", true);
        var rows = new List<ClaimedRow>(size);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new ClaimedRow(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetString(5))
                { OrganisationId = reader.GetInt32(6), OrganisationCode = reader.GetString(7) });
        return rows;
    }

    /// <summary>
    /// Records that <paramref name="rowId"/>'s message is about to be handed to the mail server: the first
    /// row of a round (every later one is marked by the write that records the row before it).
    /// </summary>
    public async Task MarkOnWireAsync(string claimId, long rowId, DateTime now, CancellationToken cancellationToken)
    {
        await PerMessageCommitsAsync(cancellationToken);
        using var turn = await LedgerWriterTurn.TakeAsync(db.Database, cancellationToken);
        var cmd = onWire ??= await OnWireCommandAsync(cancellationToken);
        cmd.Transaction = null;
        cmd.Parameters["@since"].Value = now;
        cmd.Parameters["@id"].Value = rowId;
        cmd.Parameters["@claim"].Value = claimId;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Records one message's outcome, and marks <paramref name="nextOnWire"/> (the row the lane sends next on
    /// the same connection) as on the wire, in one transaction — the one database write per message that
    /// keeps a crash to at most one doubled message per connection, and tells which row that is.
    /// </summary>
    public async Task RecordAsync(string claimId, RowOutcome outcome, long? nextOnWire, DateTime now, CancellationToken cancellationToken)
    {
        await PerMessageCommitsAsync(cancellationToken);
        using var turn = await LedgerWriterTurn.TakeAsync(db.Database, cancellationToken);
        if (!NeedsHistory(outcome))
        {
            // Nearly every message: one statement, its own transaction, no history to write.
            await RecordAndMarkAsync(claimId, outcome, nextOnWire, now, cancellationToken);
            return;
        }
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await WriteOutcomeAsync(claimId, outcome, tx.GetDbTransaction(), cancellationToken);
        if (nextOnWire is { } next)
        {
            var cmd = onWire ??= await OnWireCommandAsync(cancellationToken);
            cmd.Transaction = tx.GetDbTransaction();
            cmd.Parameters["@since"].Value = now;
            cmd.Parameters["@id"].Value = next;
            cmd.Parameters["@claim"].Value = claimId;
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
    }

    private static bool NeedsHistory(RowOutcome o) => o.KeepEarlierNote || (o.Status != DeliveryStatus.Sent && o.LastError is not null);

    /// <summary>
    /// <see cref="RecordAsync"/> for an outcome with nothing for the history: the row's outcome and the next
    /// row's on-the-wire mark in one UPDATE of both rows (atomic on its own), which costs a third of the
    /// transaction with two statements it replaces (bench notices).
    /// </summary>
    private async Task RecordAndMarkAsync(string claimId, RowOutcome o, long? nextOnWire, DateTime now, CancellationToken cancellationToken)
    {
        if (recordAndMark is null)
        {
            recordAndMark = await CommandAsync(cancellationToken);
            string Own(string column, string value) => $"\"{column}\" = CASE WHEN \"Id\" = @id THEN {value} ELSE \"{column}\" END";
            recordAndMark.CommandText =
                "UPDATE \"NoticeRecipients\" SET " + string.Join(", ",
                    Own("Status", "@s"), Own("Attempts", "@a"), Own("LastAttemptUtc", "@at"),
                    Own("SentUtc", "COALESCE(@sent, \"SentUtc\")"), Own("NextAttemptUtc", "@next"),
                    Own("LastError", "CASE WHEN @s = " + (int)DeliveryStatus.Sent + " THEN NULL ELSE \"LastError\" END"),
                    Own("ServerReply", "COALESCE(@reply, \"ServerReply\")"), Own("ClaimedBy", "NULL"), Own("ClaimExpiresUtc", "NULL")) +
                ", \"OnWireSinceUtc\" = CASE WHEN \"Id\" = @id THEN NULL ELSE @since END " +
                // The next row only while it is still this lane's and still to send (as OnWireCommandAsync).
                "WHERE \"ClaimedBy\" = @claim AND (\"Id\" = @id OR (\"Id\" = @nextRow AND \"Status\" = 1))";
            foreach (var name in new[] { "@s", "@a", "@at", "@sent", "@next", "@reply", "@id", "@since", "@claim" }) Add(recordAndMark, name, null);
            // Typed: PostgreSQL cannot infer the type of a parameter that is often null.
            var nextRow = Add(recordAndMark, "@nextRow", null);
            nextRow.DbType = System.Data.DbType.Int64;
        }
        var p = recordAndMark.Parameters;
        recordAndMark.Transaction = null;
        p["@s"].Value = (int)o.Status;
        p["@a"].Value = o.Attempts;
        p["@at"].Value = o.AttemptUtc;
        p["@sent"].Value = (object?)o.SentUtc ?? DBNull.Value;
        p["@next"].Value = (object?)o.NextAttemptUtc ?? DBNull.Value;
        p["@reply"].Value = (object?)Cut(o.ServerReply, 1000) ?? DBNull.Value;
        p["@id"].Value = o.Id;
        p["@since"].Value = now;
        p["@claim"].Value = claimId;
        p["@nextRow"].Value = (object?)nextOnWire ?? DBNull.Value;
        await recordAndMark.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Puts a claimed row back, unsent, until <paramref name="untilUtc"/>: its domain is at its limit
    /// (<see cref="DomainGate"/>). Not an attempt: Attempts, the note and the history stay as they are, so the
    /// report shows it waiting, not failed. Its "on the wire" mark (it may have reached the server) is
    /// cleared, since it never went; and, as <see cref="RecordAsync"/> does, the same transaction marks
    /// <paramref name="nextOnWire"/>, the row the lane tries next, so the crash bound stays one row per connection.
    /// </summary>
    public async Task DeferAsync(string claimId, long rowId, DateTime untilUtc, long? nextOnWire, DateTime now, CancellationToken cancellationToken)
    {
        using var turn = await LedgerWriterTurn.TakeAsync(db.Database, cancellationToken);
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        await using (var cmd = await CommandAsync(cancellationToken))
        {
            cmd.CommandText =
                "UPDATE \"NoticeRecipients\" SET \"Status\" = 0, \"NextAttemptUtc\" = @until, \"ClaimedBy\" = NULL, \"ClaimExpiresUtc\" = NULL, \"OnWireSinceUtc\" = NULL " +
                "WHERE \"Id\" = @id AND \"ClaimedBy\" = @claim AND \"Status\" = 1";
            Add(cmd, "@until", untilUtc);
            Add(cmd, "@id", rowId);
            Add(cmd, "@claim", claimId);
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
        if (nextOnWire is { } next)
        {
            var cmd = onWire ??= await OnWireCommandAsync(cancellationToken);
            cmd.Transaction = tx.GetDbTransaction();
            cmd.Parameters["@since"].Value = now;
            cmd.Parameters["@id"].Value = next;
            cmd.Parameters["@claim"].Value = claimId;
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Writes several outcomes in one transaction, each only if the row is still held by
    /// <paramref name="claimId"/> (a row taken back after an expired lease belongs to someone else now).
    /// </summary>
    public async Task WriteOutcomesAsync(string claimId, IReadOnlyList<RowOutcome> outcomes, CancellationToken cancellationToken)
    {
        if (outcomes.Count == 0) return;
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var o in outcomes) await WriteOutcomeAsync(claimId, o, tx.GetDbTransaction(), cancellationToken);
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The per-message writes commit without waiting for the disk: SQLite's <c>synchronous=NORMAL</c> (in WAL
    /// mode the commit is in the log file, in the operating system's hands, when it returns) and PostgreSQL's
    /// <c>synchronous_commit=off</c> (the server has it in memory and writes it out within a fraction of a
    /// second), for this ledger's connection while it serves the lane.
    /// <para>
    /// Why: the bound these writes keep is about this process dying (SIGKILL, out of memory, a deployment):
    /// what such a commit holds survives it, and another node reads it at once. A flushed commit per message
    /// cost more than the message itself (bench notices: ratio 0.50 with it). What they do not survive is the
    /// machine that holds the database losing power within that moment: then the last records can be lost and
    /// those messages sent again. Everything else the site writes keeps the default, flushed commits.
    /// </para>
    /// </summary>
    private async Task PerMessageCommitsAsync(CancellationToken cancellationToken)
    {
        if (relaxedFrom is not null) return;
        await using var cmd = await CommandAsync(cancellationToken);
        if (IsPostgres)
        {
            // Session level: the connection is this ledger's for the lane's run, and Npgsql resets the
            // session (DISCARD ALL) when it goes back to the pool.
            cmd.CommandText = "SET synchronous_commit TO OFF";
            await cmd.ExecuteNonQueryAsync(cancellationToken);
            relaxedFrom = "";
            return;
        }
        // The settings belong to the pooled SQLite handle: keep the old values and give them back on dispose.
        cmd.CommandText = "PRAGMA synchronous";
        var synchronous = Convert.ToInt32(await cmd.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        cmd.CommandText = "PRAGMA wal_autocheckpoint";
        var autoCheckpoint = Convert.ToInt32(await cmd.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        // No checkpoint on the lane's commits either: the commit that crossed the log's threshold copied the log
        // into the database and flushed both, tens of milliseconds once every few hundred messages (bench
        // notices: 52 of 10,000 writes over 20 ms). The lane's LedgerCheckpoints does that beside it instead.
        cmd.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0";
        await cmd.ExecuteNonQueryAsync(cancellationToken);
        relaxedFrom = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PRAGMA synchronous = {synchronous}; PRAGMA wal_autocheckpoint = {autoCheckpoint}");
    }

    /// <summary>
    /// Copies what the SQLite log holds into the database without waiting for, or holding up, any reader or
    /// writer (a passive checkpoint), on this ledger's own connection; nothing to do on PostgreSQL.
    /// </summary>
    public async Task CheckpointAsync(CancellationToken cancellationToken)
    {
        if (IsPostgres) return;
        await using var cmd = await CommandAsync(cancellationToken);
        cmd.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The statement that gives the connection back its settings from before <see cref="PerMessageCommitsAsync"/> ("" on PostgreSQL); null while unchanged.</summary>
    private string? relaxedFrom;

    // Prepared once per lane run (the ledger lives as long as the lane's scope): a message's write then
    // costs the statements' execution, not their parsing.
    private DbCommand? update, failure, carry, onWire, recordAndMark;

    /// <summary>
    /// One outcome, only if the row is still held by <paramref name="claimId"/>. A sent row is written Sent
    /// even if the notice was cancelled meanwhile: the message did go out.
    /// <para>
    /// A row's error is its state only while it is undelivered: an attempt that fails is also written to the
    /// row's history (<see cref="NoticeDeliveryAttempt"/>), and a send that succeeds clears the error, after
    /// moving a note that is not in the history yet (an interrupted send) there. A success without a note —
    /// nearly every message — writes nothing but the row update.
    /// </para>
    /// </summary>
    private async Task WriteOutcomeAsync(string claimId, RowOutcome o, DbTransaction tx, CancellationToken cancellationToken)
    {
        // History first: its statements find the row by its claim, which the update lets go of. A note
        // the outcome replaces (an interrupted send) goes there unless it is there already (a failure).
        if (o.KeepEarlierNote)
        {
            carry ??= await HistoryCommandAsync(
                "SELECT r.\"NoticeId\", r.\"Id\", @at, @a, r.\"LastError\" FROM \"NoticeRecipients\" r " +
                "WHERE r.\"Id\" = @id AND r.\"ClaimedBy\" = @claim AND r.\"LastError\" IS NOT NULL " +
                "AND NOT EXISTS (SELECT 1 FROM \"NoticeDeliveryAttempts\" h WHERE h.\"RecipientId\" = r.\"Id\" AND h.\"Detail\" = r.\"LastError\")", withDetail: false, cancellationToken);
            await WriteHistoryAsync(carry, tx, claimId, o with { Attempts = o.Attempts - 1 }, null, cancellationToken);
        }
        if (o.Status != DeliveryStatus.Sent && o.LastError is not null)
        {
            failure ??= await HistoryCommandAsync(
                "SELECT \"NoticeId\", \"Id\", @at, @a, @detail FROM \"NoticeRecipients\" WHERE \"Id\" = @id AND \"ClaimedBy\" = @claim", withDetail: true, cancellationToken);
            await WriteHistoryAsync(failure, tx, claimId, o, Cut(o.LastError, 1000), cancellationToken);
        }
        if (update is null)
        {
            update = await CommandAsync(cancellationToken);
            update.CommandText =
                "UPDATE \"NoticeRecipients\" SET \"Status\" = @s, \"Attempts\" = @a, \"LastAttemptUtc\" = @at, " +
                "\"SentUtc\" = COALESCE(@sent, \"SentUtc\"), \"NextAttemptUtc\" = @next, " +
                "\"LastError\" = CASE WHEN @s = " + (int)DeliveryStatus.Sent + " THEN NULL ELSE COALESCE(@err, \"LastError\") END, " +
                "\"ServerReply\" = COALESCE(@reply, \"ServerReply\"), \"ClaimedBy\" = NULL, \"ClaimExpiresUtc\" = NULL, \"OnWireSinceUtc\" = NULL " +
                "WHERE \"Id\" = @id AND \"ClaimedBy\" = @claim";
            foreach (var name in new[] { "@s", "@a", "@at", "@sent", "@next", "@err", "@reply", "@id", "@claim" }) Add(update, name, null);
        }
        var p = update.Parameters;
        update.Transaction = tx;
        p["@s"].Value = (int)o.Status;
        p["@a"].Value = o.Attempts;
        p["@at"].Value = o.AttemptUtc;
        p["@sent"].Value = (object?)o.SentUtc ?? DBNull.Value;
        p["@next"].Value = (object?)o.NextAttemptUtc ?? DBNull.Value;
        p["@err"].Value = (object?)Cut(o.LastError, 1000) ?? DBNull.Value;
        p["@reply"].Value = (object?)Cut(o.ServerReply, 1000) ?? DBNull.Value;
        p["@id"].Value = o.Id;
        p["@claim"].Value = claimId;
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<DbCommand> OnWireCommandAsync(CancellationToken cancellationToken)
    {
        var cmd = await CommandAsync(cancellationToken);
        cmd.CommandText = "UPDATE \"NoticeRecipients\" SET \"OnWireSinceUtc\" = @since WHERE \"Id\" = @id AND \"ClaimedBy\" = @claim AND \"Status\" = 1";
        foreach (var name in new[] { "@since", "@id", "@claim" }) Add(cmd, name, null);
        return cmd;
    }

    private async Task<DbCommand> HistoryCommandAsync(string select, bool withDetail, CancellationToken cancellationToken)
    {
        var cmd = await CommandAsync(cancellationToken);
        cmd.CommandText = "INSERT INTO \"NoticeDeliveryAttempts\" (\"NoticeId\", \"RecipientId\", \"AtUtc\", \"Attempt\", \"Detail\") " + select;
        Add(cmd, "@at", DateTime.UtcNow);
        Add(cmd, "@a", 0);
        if (withDetail) Add(cmd, "@detail", "");
        Add(cmd, "@id", 0L);
        Add(cmd, "@claim", "");
        return cmd;
    }

    /// <param name="detail">The failure to record; null for the carry statement, which takes the row's own note.</param>
    private static async Task WriteHistoryAsync(DbCommand cmd, DbTransaction tx, string claimId, RowOutcome o, string? detail, CancellationToken cancellationToken)
    {
        cmd.Transaction = tx;
        cmd.Parameters["@at"].Value = o.AttemptUtc;
        cmd.Parameters["@a"].Value = o.Attempts;
        if (detail is not null) cmd.Parameters["@detail"].Value = detail;
        cmd.Parameters["@id"].Value = o.Id;
        cmd.Parameters["@claim"].Value = claimId;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Extends the lease of the rows this lane still holds (a slow server or a low rate limit).</summary>
    public async Task RenewLeaseAsync(string claimId, DateTime leaseUntil, CancellationToken cancellationToken)
    {
        using var turn = await LedgerWriterTurn.TakeAsync(db.Database, cancellationToken);
        await using var cmd = await CommandAsync(cancellationToken);
        cmd.CommandText = "UPDATE \"NoticeRecipients\" SET \"ClaimExpiresUtc\" = @lease WHERE \"ClaimedBy\" = @claim AND \"Status\" = 1";
        Add(cmd, "@lease", leaseUntil);
        Add(cmd, "@claim", claimId);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Lets go of the rows this lane claimed and did not send: back to Queued, due at once. Rows the
    /// notice's cancellation already marked Cancelled stay cancelled. With <paramref name="midMessage"/> (the
    /// lane stopped while a message was with the server, or before its acceptance was written), the row on
    /// the wire may have gone out: it is marked possibly doubled and says why; otherwise the row marked on the
    /// wire had not been handed over yet and goes back unmarked.
    /// </summary>
    public async Task<int> ReleaseAsync(string claimId, bool midMessage, CancellationToken cancellationToken)
    {
        using var turn = await LedgerWriterTurn.TakeAsync(db.Database, cancellationToken);
        await using var cmd = await CommandAsync(cancellationToken);
        const string doubled = "@mid AND \"Status\" = 1 AND \"OnWireSinceUtc\" IS NOT NULL";
        cmd.CommandText =
            "UPDATE \"NoticeRecipients\" SET " +
            "\"PossiblyDoubled\" = CASE WHEN " + doubled + " THEN @mid ELSE \"PossiblyDoubled\" END, " +
            "\"LastError\" = CASE WHEN " + doubled + " THEN @note ELSE \"LastError\" END, " +
            "\"Status\" = CASE WHEN \"Status\" = 1 THEN 0 ELSE \"Status\" END, " +
            "\"ClaimedBy\" = NULL, \"ClaimExpiresUtc\" = NULL, \"OnWireSinceUtc\" = NULL WHERE \"ClaimedBy\" = @claim";
        Add(cmd, "@claim", claimId);
        Add(cmd, "@mid", midMessage);
        Add(cmd, "@note", DeliveryRecovery.InterruptedByRestart);
        return await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The notice's status, read cheaply between claims so a pause or cancel stops the lane.</summary>
    public async Task<NoticeStatus?> StatusAsync(int noticeId, CancellationToken cancellationToken)
    {
        await using var cmd = await CommandAsync(cancellationToken);
        cmd.CommandText = "SELECT \"Status\" FROM \"Notices\" WHERE \"Id\" = @n";
        Add(cmd, "@n", noticeId);
        var value = await cmd.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : (NoticeStatus)Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    private async Task<DbCommand> CommandAsync(CancellationToken cancellationToken)
    {
        // Opened once and kept for the context's life (a lane's run): EF closes it when the context goes back to the pool.
        if (db.Database.GetDbConnection().State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(cancellationToken);
        var cmd = db.Database.GetDbConnection().CreateCommand();
        cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return cmd;
    }

    private static DbParameter Add(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
        return p;
    }

    public async ValueTask DisposeAsync()
    {
        if (relaxedFrom is { Length: > 0 } mode && !IsPostgres && db.Database.GetDbConnection().State == System.Data.ConnectionState.Open)
        {
            try
            {
                await using var cmd = db.Database.GetDbConnection().CreateCommand();
                cmd.CommandText = mode;
                await cmd.ExecuteNonQueryAsync();
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                // The handle goes back to the pool as the lane left it: still consistent, only less durable
                // (and checkpointed by the other connections' commits).
            }
        }
        relaxedFrom = null;
        foreach (var cmd in new[] { update, failure, carry, onWire, recordAndMark }) if (cmd is not null) await cmd.DisposeAsync();
        update = failure = carry = onWire = recordAndMark = null;
    }

    private static string? Cut(string? value, int max) => value is null ? null : value.Length <= max ? value : value[..max];
}
