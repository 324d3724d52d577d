using System.Data.Common;
using ChildProtection.Core.Data;
using ChildProtection.Core.Files;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChildProtection.Core.Tests.Files;

/// <summary>Both file stores behave alike: write, read, ranges, replace, list, delete; the database store in chunks, with transactions and damage.</summary>
public sealed class FileStoreTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "cp-files-" + Guid.NewGuid().ToString("N"));

    /// <summary>Three and a half chunks: every read crosses chunk boundaries.</summary>
    private static readonly byte[] Big = Random(DatabaseFileStore.ChunkSize * 3 + DatabaseFileStore.ChunkSize / 2, seed: 1);

    [Fact]
    public Task Folder_store_reads_writes_lists_and_deletes() => ExerciseAsync(new FolderFileStore(folder));

    [Fact]
    public async Task Database_store_on_sqlite_reads_writes_lists_and_deletes()
    {
        var db = await SqliteAsync();
        using var store = new DatabaseFileStore(db, null, NullLogger<DatabaseFileStore>.Instance);
        await ExerciseAsync(store);
        await DamageAndTransactionsAsync(store);
    }

    [PostgresFact]
    public async Task Database_store_on_postgres_reads_writes_lists_and_deletes()
    {
        await using var pg = await PostgresDatabase.CreateAsync();
        var db = new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = pg.ConnectionString };
        await MigrateAsync(db);
        using (var store = new DatabaseFileStore(db, null, NullLogger<DatabaseFileStore>.Instance))
        {
            await ExerciseAsync(store);
            await DamageAndTransactionsAsync(store);
        }
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    [Fact]
    public async Task Local_cache_serves_hot_files_from_disk_and_never_a_replaced_version()
    {
        var db = await SqliteAsync();
        var cache = new LocalFileCache(Path.Combine(folder, "cache"), 4L * 1024 * 1024);
        using var store = new DatabaseFileStore(db, cache, NullLogger<DatabaseFileStore>.Instance);
        var first = Random(300_000, seed: 2);
        await store.WriteAsync("media/ab/x/full.jpg", new MemoryStream(first));
        var opened = await store.OpenAsync("media/ab/x/full.jpg");
        Assert.NotNull(opened!.PhysicalPath);
        Assert.Equal(first, await File.ReadAllBytesAsync(opened.PhysicalPath!));

        // Replaced by "another node": straight into the database, so this node's cache is not told.
        using (var other = new DatabaseFileStore(db, null, NullLogger<DatabaseFileStore>.Instance))
            await other.WriteAsync("media/ab/x/full.jpg", new MemoryStream(Random(200_000, seed: 3)));
        var again = await store.OpenAsync("media/ab/x/full.jpg");
        Assert.Equal(Random(200_000, seed: 3), await ReadAllAsync(again!));

        // Bounded: a lot of files later the cache holds no more than its limit.
        for (var i = 0; i < 20; i++)
        {
            await store.WriteAsync($"media/cd/{i}/full.jpg", new MemoryStream(Random(500_000, seed: 10 + i)));
            await store.OpenAsync($"media/cd/{i}/full.jpg");
        }
        Assert.InRange(cache.TotalBytes, 1, cache.MaxBytes);
    }

    [Fact]
    public async Task Move_to_database_and_back_keeps_every_byte_and_resumes()
    {
        var db = await SqliteAsync();
        var folderStore = new FolderFileStore(Path.Combine(folder, "data"));
        using var databaseStore = new DatabaseFileStore(db, null, NullLogger<DatabaseFileStore>.Instance);
        var originals = new Dictionary<string, byte[]>
        {
            ["media/ab/one/full.jpg"] = Big,
            ["media/ab/one/320.webp"] = Random(1000, seed: 5),
            ["notices/7/a.pdf"] = Random(DatabaseFileStore.ChunkSize, seed: 6),
            ["imports/x.json"] = [],
        };
        foreach (var (path, bytes) in originals) await folderStore.WriteAsync(path, new MemoryStream(bytes));
        // Not a user file: never moved.
        await File.WriteAllTextAsync(Path.Combine(folderStore.Root, "childprotection.db"), "not moved");
        string[] prefixes = ["media/", "notices/", "imports/"];

        // An earlier run that stopped after one file: that one is verified and skipped.
        await databaseStore.WriteAsync("media/ab/one/320.webp", new MemoryStream(originals["media/ab/one/320.webp"]));
        // And one it left damaged (a different content under the name): copied again.
        await databaseStore.WriteAsync("notices/7/a.pdf", new MemoryStream(Random(10, seed: 7)));
        var log = new StringWriter();
        var there = await new FileStoreMove(folderStore, databaseStore, log).RunAsync(prefixes, removeSource: false, CancellationToken.None);
        Assert.Equal(new FileStoreMove.Summary(4, 3, 1, 0, Big.Length + DatabaseFileStore.ChunkSize, 0), there);
        Assert.Contains("4 of 4 files", log.ToString());
        foreach (var (path, bytes) in originals) Assert.Equal(bytes, await ReadAllAsync((await databaseStore.OpenAsync(path))!));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Big)), await databaseStore.RecordedHashAsync("media/ab/one/full.jpg"));

        // Back into an empty folder, removing from the database as each file is verified.
        var back = new FolderFileStore(Path.Combine(folder, "back"));
        var returned = await new FileStoreMove(databaseStore, back, TextWriter.Null).RunAsync(prefixes, removeSource: true, CancellationToken.None);
        Assert.Equal(new FileStoreMove.Summary(4, 4, 0, 0, originals.Values.Sum(b => (long)b.Length), 4), returned);
        foreach (var (path, bytes) in originals) Assert.Equal(bytes, await File.ReadAllBytesAsync(back.FullPath(path)));
        Assert.Empty(await databaseStore.ListAsync(""));
        Assert.False(File.Exists(Path.Combine(back.Root, "childprotection.db")));
    }

    private static async Task ExerciseAsync(IFileStore store)
    {
        var small = "Xin chào"u8.ToArray();
        await store.WriteAsync("media/ab/one/full.jpg", new MemoryStream(Big));
        await store.WriteAsync("media/ab/one/320.webp", new MemoryStream(small));
        await store.WriteAsync("media/ab/two/x.pdf", new MemoryStream([]));
        await store.WriteAsync("notices/1/a.pdf", new MemoryStream(small));

        var file = await store.OpenAsync("media/ab/one/full.jpg");
        Assert.NotNull(file);
        Assert.Equal(Big.Length, file!.Length);
        Assert.Equal(Big, await ReadAllAsync(file));

        // A range near the end, the way an HTTP range request reads it: seek, then read.
        await using (var stream = file.OpenRead())
        {
            Assert.True(stream.CanSeek);
            var offset = Big.Length - DatabaseFileStore.ChunkSize - 1000;
            stream.Seek(offset, SeekOrigin.Begin);
            var part = new byte[5000];
            await stream.ReadExactlyAsync(part);
            Assert.Equal(Big.AsSpan(offset, 5000).ToArray(), part);
        }

        Assert.Empty(await ReadAllAsync((await store.OpenAsync("media/ab/two/x.pdf"))!));
        Assert.True(await store.ExistsAsync("notices/1/a.pdf"));
        Assert.False(await store.ExistsAsync("notices/1/b.pdf"));
        Assert.Null(await store.OpenAsync("notices/2/a.pdf"));

        Assert.Equal(["media/ab/one/320.webp", "media/ab/one/full.jpg", "media/ab/two/x.pdf"], (await store.ListAsync("media/")).Select(f => f.Path));
        Assert.Equal(["media/ab/one/320.webp", "media/ab/one/full.jpg"], (await store.ListAsync("media/ab/one/")).Select(f => f.Path));

        // Replacing gives a new version and the new bytes.
        var before = file.Version;
        await store.WriteAsync("media/ab/one/full.jpg", new MemoryStream(small));
        var replaced = await store.OpenAsync("media/ab/one/full.jpg");
        Assert.Equal(small, await ReadAllAsync(replaced!));
        Assert.NotEqual(before, replaced!.Version);

        await store.DeleteAsync("media/ab/one/320.webp");
        Assert.False(await store.ExistsAsync("media/ab/one/320.webp"));
        await store.DeletePrefixAsync("media/ab/one/");
        Assert.Equal(["media/ab/two/x.pdf"], (await store.ListAsync("media/")).Select(f => f.Path));
        Assert.True(await store.ExistsAsync("notices/1/a.pdf"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.WriteAsync("../escape", new MemoryStream(small)));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeletePrefixAsync(""));
    }

    private static async Task DamageAndTransactionsAsync(DatabaseFileStore store)
    {
        // Written in a transaction that rolls back: no file.
        await using (var connection = await store.OpenConnectionAsync(CancellationToken.None))
        {
            await using (var tx = await connection.BeginTransactionAsync())
            {
                await store.WriteAsync("media/zz/gone/full.jpg", new MemoryStream(Big), tx);
                await tx.RollbackAsync();
            }
            Assert.False(await store.ExistsAsync("media/zz/gone/full.jpg"));
            Assert.Equal(0L, await ScalarAsync(connection, "SELECT COUNT(*) FROM \"StoredFileChunks\" c WHERE NOT EXISTS (SELECT 1 FROM \"StoredFiles\" f WHERE f.\"Version\" = c.\"Version\")"));

            // A row without all its chunks is treated as missing, not half-sent.
            await store.WriteAsync("media/zz/damaged/full.jpg", new MemoryStream(Big));
            await ScalarAsync(connection, "DELETE FROM \"StoredFileChunks\" WHERE \"Index\" = 2 AND \"Version\" = (SELECT \"Version\" FROM \"StoredFiles\" WHERE \"Path\" = 'media/zz/damaged/full.jpg')");
            Assert.Null(await store.OpenAsync("media/zz/damaged/full.jpg"));
        }
    }

    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L);
    }

    private static async Task<byte[]> ReadAllAsync(StoredFile file)
    {
        await using var stream = file.OpenRead();
        using var copy = new MemoryStream();
        // Small reads: the chunk stream must hand out a chunk in pieces.
        var buffer = new byte[7000];
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0) copy.Write(buffer, 0, read);
        return copy.ToArray();
    }

    private async Task<DatabaseOptions> SqliteAsync()
    {
        Directory.CreateDirectory(folder);
        var db = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(folder, "files.db")};Pooling=False" };
        await MigrateAsync(db);
        return db;
    }

    private static async Task MigrateAsync(DatabaseOptions db)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await using var context = new PostgresFilesDbContext(ModuleDatabaseRegistration.BuildOptions<PostgresFilesDbContext>(db));
            await context.Database.MigrateAsync();
        }
        else
        {
            await using var context = new SqliteFilesDbContext(ModuleDatabaseRegistration.BuildOptions<SqliteFilesDbContext>(db));
            await context.Database.MigrateAsync();
        }
    }

    private static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
