using System.Data;
using System.Data.Common;
using System.Security.Cryptography;
using ChildProtection.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChildProtection.Core.Files;

/// <summary>
/// Files in the site's database (the scale-out store: every node serves every file). A file is a row in
/// <c>StoredFiles</c> and its bytes are rows of <see cref="ChunkSize"/> bytes in <c>StoredFileChunks</c>,
/// written one chunk at a time as the stream is read and read back one chunk at a time as a response
/// needs them (<see cref="ChunkReadStream"/>): a 50 MB upload or download holds one chunk in memory.
/// Works on PostgreSQL (the target) and on SQLite (one node that wants its files inside its database).
/// </summary>
public sealed class DatabaseFileStore : IFileStore, IDisposable
{
    public const int ChunkSize = 256 * 1024;

    private readonly DatabaseOptions database;
    private readonly LocalFileCache? cache;
    private readonly ILogger logger;
    private readonly NpgsqlDataSource? postgres;

    public DatabaseFileStore(DatabaseOptions database, LocalFileCache? cache, ILogger<DatabaseFileStore> logger)
    {
        this.database = database;
        this.cache = cache;
        this.logger = logger;
        if (database.Provider == DatabaseProvider.Postgres) postgres = NpgsqlDataSource.Create(database.ConnectionString);
    }

    public FileStoreKind Kind => FileStoreKind.Database;
    public bool Transactional => true;

    internal async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = postgres is not null ? postgres.CreateConnection() : new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public async Task<StoredFile?> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        StoredPaths.Check(path);
        FileRow? row;
        await using (var connection = await OpenConnectionAsync(cancellationToken))
            row = await ReadRowAsync(connection, null, path, withChunkCount: true, cancellationToken);
        if (row is null) return null;
        if (row.ChunksFound != row.ChunkCount)
        {
            // Damage (a restore that lost chunks, a hand-made delete): the file is treated as absent, so its
            // address answers 404 rather than a broken or half response.
            logger.LogWarning("Stored file {Path} (version {Version}) has {Found} of its {Count} chunks; treated as missing", path, row.Version, row.ChunksFound, row.ChunkCount);
            return null;
        }
        Func<Stream> open = () => new ChunkReadStream(this, row.Version, row.Length, row.ChunkSize);
        string? local = null;
        if (cache is not null)
        {
            local = cache.TryGet(path, row.Version);
            if (local is null && row.Length <= cache.MaxEntryBytes)
            {
                try { local = await cache.AddAsync(path, row.Version, open, cancellationToken); }
                catch (IOException ex)
                {
                    // The cache is an optimisation only: a full disk or a damaged chunk falls back to reading the database.
                    logger.LogWarning(ex, "Could not cache stored file {Path} locally", path);
                }
            }
        }
        var cached = local;
        return new StoredFile
        {
            Path = path,
            Length = row.Length,
            LastWriteUtc = row.ModifiedUtc,
            Version = row.Version,
            PhysicalPath = cached,
            OpenRead = cached is null ? open : () => OpenCachedOr(cached, open),
        };
    }

    private static Stream OpenCachedOr(string cached, Func<Stream> fallback)
    {
        // Evicted between the open and the send: read from the database instead.
        try { return new FileStream(cached, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous); }
        catch (FileNotFoundException) { return fallback(); }
    }

    public async Task<StoredFileInfo> WriteAsync(string path, Stream content, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        StoredPaths.Check(path);
        return await InTransactionAsync(transaction, async (connection, tx) =>
        {
            var version = Guid.NewGuid().ToString("N");
            var buffer = new byte[ChunkSize];
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using var insert = Command(connection, tx, "INSERT INTO \"StoredFileChunks\" (\"Version\", \"Index\", \"Data\") VALUES (@v, @i, @d)");
            Add(insert, "v", version);
            var indexParameter = Add(insert, "i", 0);
            var dataParameter = Add(insert, "d", Array.Empty<byte>());
            long length = 0;
            var index = 0;
            while (true)
            {
                var filled = 0;
                int read;
                while (filled < ChunkSize && (read = await content.ReadAsync(buffer.AsMemory(filled, ChunkSize - filled), cancellationToken)) > 0) filled += read;
                if (filled == 0) break;
                hash.AppendData(buffer, 0, filled);
                indexParameter.Value = index;
                dataParameter.Value = filled == ChunkSize ? buffer : buffer[..filled];
                await insert.ExecuteNonQueryAsync(cancellationToken);
                length += filled;
                index++;
                if (filled < ChunkSize) break;
            }
            var old = await ReadRowAsync(connection, tx, path, withChunkCount: false, cancellationToken);
            var now = DateTime.UtcNow;
            await using (var upsert = Command(connection, tx,
                "INSERT INTO \"StoredFiles\" (\"Path\", \"Version\", \"Length\", \"ChunkSize\", \"ChunkCount\", \"Sha256\", \"ModifiedUtc\") VALUES (@p, @v, @l, @s, @c, @h, @m) " +
                "ON CONFLICT (\"Path\") DO UPDATE SET \"Version\" = excluded.\"Version\", \"Length\" = excluded.\"Length\", \"ChunkSize\" = excluded.\"ChunkSize\", " +
                "\"ChunkCount\" = excluded.\"ChunkCount\", \"Sha256\" = excluded.\"Sha256\", \"ModifiedUtc\" = excluded.\"ModifiedUtc\""))
            {
                Add(upsert, "p", path);
                Add(upsert, "v", version);
                Add(upsert, "l", length);
                Add(upsert, "s", ChunkSize);
                Add(upsert, "c", index);
                Add(upsert, "h", Convert.ToHexStringLower(hash.GetHashAndReset()));
                Add(upsert, "m", now);
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }
            if (old is not null) await DeleteChunksAsync(connection, tx, old.Version, cancellationToken);
            cache?.Forget(path);
            return new StoredFileInfo(path, length, now, version);
        }, cancellationToken);
    }

    public async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default)
    {
        StoredPaths.Check(path);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        return await ReadRowAsync(connection, null, path, withChunkCount: false, cancellationToken) is not null;
    }

    public Task DeleteAsync(string path, DbTransaction? transaction = null, CancellationToken cancellationToken = default) =>
        DeleteWhereAsync("\"Path\" = @p", StoredPaths.Check(path), transaction, cancellationToken);

    public Task DeletePrefixAsync(string prefix, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        StoredPaths.CheckPrefix(prefix);
        if (prefix.Length == 0) throw new ArgumentException("Refusing to delete every file of the site.", nameof(prefix));
        // substr, not LIKE: exact and case-sensitive on both providers (SQLite's LIKE ignores ASCII case).
        return DeleteWhereAsync($"substr(\"Path\", 1, {prefix.Length}) = @p", prefix, transaction, cancellationToken);
    }

    private async Task DeleteWhereAsync(string where, string value, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await InTransactionAsync(transaction, async (connection, tx) =>
        {
            await using (var chunks = Command(connection, tx, $"DELETE FROM \"StoredFileChunks\" WHERE \"Version\" IN (SELECT \"Version\" FROM \"StoredFiles\" WHERE {where})"))
            {
                Add(chunks, "p", value);
                await chunks.ExecuteNonQueryAsync(cancellationToken);
            }
            await using (var files = Command(connection, tx, $"DELETE FROM \"StoredFiles\" WHERE {where}"))
            {
                Add(files, "p", value);
                await files.ExecuteNonQueryAsync(cancellationToken);
            }
            return 0;
        }, cancellationToken);
        if (cache is not null)
        {
            if (where.StartsWith("substr", StringComparison.Ordinal)) cache.ForgetAll();
            else cache.Forget(value);
        }
    }

    public async Task<IReadOnlyList<StoredFileInfo>> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        StoredPaths.CheckPrefix(prefix);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT \"Path\", \"Length\", \"ModifiedUtc\", \"Version\" FROM \"StoredFiles\" WHERE substr(\"Path\", 1, {prefix.Length}) = @p");
        Add(command, "p", prefix);
        var result = new List<StoredFileInfo>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            while (await reader.ReadAsync(cancellationToken))
                result.Add(new StoredFileInfo(reader.GetString(0), reader.GetInt64(1), Utc(reader.GetDateTime(2)), reader.GetString(3)));
        // Ordered here, by ordinal: the database's collation may not sort the way the folder store does.
        result.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return result;
    }

    /// <summary>The SHA-256 recorded when the file was written (hex), or null when there is no such file.</summary>
    public async Task<string?> RecordedHashAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT \"Sha256\" FROM \"StoredFiles\" WHERE \"Path\" = @p");
        Add(command, "p", StoredPaths.Check(path));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Reads one chunk into <paramref name="buffer"/>; the number of bytes, or -1 when the chunk is gone.</summary>
    internal async Task<int> ReadChunkAsync(string version, int index, byte[] buffer, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT \"Data\" FROM \"StoredFileChunks\" WHERE \"Version\" = @v AND \"Index\" = @i");
        Add(command, "v", version);
        Add(command, "i", index);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return -1;
        var total = 0;
        long got;
        while (total < buffer.Length && (got = reader.GetBytes(0, total, buffer, total, buffer.Length - total)) > 0) total += (int)got;
        return total;
    }

    internal int ReadChunk(string version, int index, byte[] buffer) =>
        ReadChunkAsync(version, index, buffer, CancellationToken.None).GetAwaiter().GetResult();

    private sealed record FileRow(string Version, long Length, int ChunkSize, int ChunkCount, DateTime ModifiedUtc, long ChunksFound);

    private static async Task<FileRow?> ReadRowAsync(DbConnection connection, DbTransaction? tx, string path, bool withChunkCount, CancellationToken cancellationToken)
    {
        var count = withChunkCount ? "(SELECT COUNT(*) FROM \"StoredFileChunks\" c WHERE c.\"Version\" = f.\"Version\")" : "0";
        await using var command = Command(connection, tx,
            $"SELECT f.\"Version\", f.\"Length\", f.\"ChunkSize\", f.\"ChunkCount\", f.\"ModifiedUtc\", {count} FROM \"StoredFiles\" f WHERE f.\"Path\" = @p");
        Add(command, "p", path);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new FileRow(reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetInt32(3), Utc(reader.GetDateTime(4)), reader.GetInt64(5));
    }

    private static async Task DeleteChunksAsync(DbConnection connection, DbTransaction? tx, string version, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, tx, "DELETE FROM \"StoredFileChunks\" WHERE \"Version\" = @v");
        Add(command, "v", version);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>On the caller's transaction when there is one (it commits), otherwise in one of our own.</summary>
    private async Task<T> InTransactionAsync<T>(DbTransaction? transaction, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        if (transaction is not null)
        {
            var own = transaction.Connection ?? throw new InvalidOperationException("The transaction has no connection.");
            return await work(own, transaction);
        }
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(connection, tx);
        await tx.CommitAsync(cancellationToken);
        return result;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        // A 256 KB chunk on a slow disk is well within this; a hung database is not waited on forever.
        command.CommandTimeout = 60;
        return command;
    }

    private static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Utc ? value : DateTime.SpecifyKind(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value, DateTimeKind.Utc);

    public void Dispose() => postgres?.Dispose();
}
