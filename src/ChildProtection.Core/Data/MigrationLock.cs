using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChildProtection.Core.Data;

/// <summary>
/// Serialises start-up schema work across nodes: on PostgreSQL a session advisory lock held on a connection
/// of its own for as long as the returned handle lives, so two nodes starting at once against one database
/// never both migrate or both run the unattended setup. The lock belongs to the session: a node killed while
/// holding it releases it with its connection, so a crash never leaves the site locked. The embedded SQLite
/// site has one process per data folder and needs no lock.
/// </summary>
public static class MigrationLock
{
    /// <summary>The advisory lock key: any constant unique to this application within the database.</summary>
    public const long Key = 0x4350_4D49_4752; // "CPMIGR"

    /// <summary>The key of the start-up catch-up of module indexes (<c>PublishedIndexCatchUp</c>): two nodes starting
    /// at once would both refill the same tables (duplicate rows in a table refilled only when empty).</summary>
    public const long CatchUpKey = 0x4350_4341_5443; // "CPCATC"

    public static Task<IAsyncDisposable> AcquireAsync(DatabaseOptions database, ILogger logger, CancellationToken cancellationToken) =>
        AcquireAsync(database, Key, "migration", logger, cancellationToken);

    /// <summary>Another start-up lock of the same kind, under its own key (<paramref name="what"/> names it in the log).</summary>
    public static async Task<IAsyncDisposable> AcquireAsync(DatabaseOptions database, long key, string what, ILogger logger, CancellationToken cancellationToken)
    {
        if (database.Provider != DatabaseProvider.Postgres) return NoLock.Instance;
        // Not pooled: closing the connection must end the session (and with it the lock) for certain.
        // No command timeout: waiting behind another node's long migration is expected.
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, CommandTimeout = 0 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (!await ScalarAsync<bool>(connection, "SELECT pg_try_advisory_lock(@key)", key, cancellationToken))
            {
                logger.LogInformation("Waiting for the {What} lock held by another node", what);
                await ScalarAsync<object>(connection, "SELECT pg_advisory_lock(@key)", key, cancellationToken);
            }
            logger.LogInformation("{What} lock acquired", what == "migration" ? "Migration" : what);
            return new Held(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, long key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", key);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private sealed class Held(NpgsqlConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try { await ScalarAsync<object>(connection, "SELECT pg_advisory_unlock(@key)", key, CancellationToken.None); }
            catch (NpgsqlException) { /* the session is gone: so is the lock */ }
            finally { await connection.DisposeAsync(); }
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
