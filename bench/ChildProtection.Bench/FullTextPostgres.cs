using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using NpgsqlTypes;

namespace ChildProtection.Bench;

/// <summary>
/// The search bench's comparison: the same corpus in a PostgreSQL table with two tsvectors — <c>simple</c>
/// (words as written, for "exact diacritics first") and <c>cp_folded</c> (the <c>simple</c> parser through
/// the <c>unaccent</c> dictionary, which folds tones and đ→d) — each with a GIN index, queried the way the
/// site's Lucene search is: every word must match folded, matches with the diacritics as typed rank higher,
/// the title weighs more, top 10 with the total. The server is the one in <c>CP_TEST_POSTGRES</c> when set
/// (a throwaway database is made in it), else one this bench starts on 127.0.0.1 from Debian's packages.
/// </summary>
internal sealed class FullTextPostgres : IAsyncDisposable
{
    private readonly NpgsqlDataSource source;
    private readonly Func<Task> cleanUp;
    public string Origin { get; }

    private FullTextPostgres(NpgsqlDataSource source, string origin, Func<Task> cleanUp)
    {
        this.source = source;
        Origin = origin;
        this.cleanUp = cleanUp;
    }

    public static async Task<FullTextPostgres> StartAsync()
    {
        var database = "cp_bench_fts_" + Guid.NewGuid().ToString("N")[..8];
        if (Environment.GetEnvironmentVariable("CP_TEST_POSTGRES") is { Length: > 0 } given)
        {
            var admin = new NpgsqlConnectionStringBuilder(given);
            await using (var connection = new NpgsqlConnection(admin.ConnectionString))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
                await create.ExecuteNonQueryAsync();
            }
            var target = new NpgsqlConnectionStringBuilder(given) { Database = database, Pooling = true };
            var source = NpgsqlDataSource.Create(target.ConnectionString);
            return new FullTextPostgres(source, "CP_TEST_POSTGRES", async () =>
            {
                await source.DisposeAsync();
                NpgsqlConnection.ClearAllPools();
                await using var connection = new NpgsqlConnection(admin.ConnectionString);
                await connection.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            });
        }
        return await StartOwnServerAsync(database);
    }

    /// <summary>initdb in a temp folder, listening on 127.0.0.1 only (a free port), stopped and deleted at the end. As root the server runs as the postgres user.</summary>
    private static async Task<FullTextPostgres> StartOwnServerAsync(string database)
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0).FirstOrDefault()
            : null;
        if (bin is null) throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql), and CP_TEST_POSTGRES is not set");
        var root = Path.Combine(Path.GetTempPath(), "cp-bench-pg-" + Guid.NewGuid().ToString("N")[..8]);
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(root);
        var asRoot = Environment.UserName == "root";
        if (asRoot) await RunAsync("chown", ["postgres:postgres", root]);
        var password = Guid.NewGuid().ToString("N");
        var pwfile = Path.Combine(root, "pw");
        await File.WriteAllTextAsync(pwfile, password);
        if (asRoot) await RunAsync("chown", ["postgres:postgres", pwfile]);
        async Task Pg(string tool, params string[] args)
        {
            if (asRoot) await RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, tool), .. args]);
            else await RunAsync(Path.Combine(bin, tool), args);
        }
        await Pg("initdb", "-D", data, "-U", "postgres", "--pwfile=" + pwfile, "-E", "UTF8", "--locale=C.UTF-8", "--auth=scram-sha-256");
        var port = FreePort();
        await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"),
            $"\nlisten_addresses = '127.0.0.1'\nport = {port}\nunix_socket_directories = '{root}'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n");
        await Pg("pg_ctl", "-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "start");
        var admin = $"Host=127.0.0.1;Port={port};Username=postgres;Password={password};Database=postgres";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var source = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={port};Username=postgres;Password={password};Database={database}");
        return new FullTextPostgres(source, $"own server ({Path.GetFileName(Path.GetDirectoryName(bin))}) on 127.0.0.1:{port}", async () =>
        {
            await source.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
            await Pg("pg_ctl", "-D", data, "-m", "fast", "-w", "-t", "30", "stop");
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        });
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {await error}{await output}");
    }

    /// <summary>
    /// The extension and configuration, then the table. Fails clearly when <c>unaccent</c> is not installed
    /// (it ships in Debian's postgresql package, under contrib; it is a trusted extension, so a database owner may create it).
    /// </summary>
    public async Task CreateSchemaAsync()
    {
        await ExecuteAsync("""
            CREATE EXTENSION IF NOT EXISTS unaccent;
            CREATE TEXT SEARCH CONFIGURATION cp_folded (COPY = simple);
            ALTER TEXT SEARCH CONFIGURATION cp_folded ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart WITH unaccent, simple;
            CREATE TABLE search_items (
                id text PRIMARY KEY,
                title text NOT NULL,
                body text NOT NULL,
                exact tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'C')) STORED,
                folded tsvector GENERATED ALWAYS AS (setweight(to_tsvector('cp_folded', title), 'A') || setweight(to_tsvector('cp_folded', body), 'C')) STORED
            );
            """);
    }

    /// <summary>Binary COPY of the corpus, then the GIN indexes and statistics (what a rebuild would do).</summary>
    public async Task LoadAsync(IEnumerable<(string Id, string Title, string Body)> rows)
    {
        await using (var connection = await source.OpenConnectionAsync())
        await using (var copy = await connection.BeginBinaryImportAsync("COPY search_items (id, title, body) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (id, title, body) in rows)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(id, NpgsqlDbType.Text);
                await copy.WriteAsync(title, NpgsqlDbType.Text);
                await copy.WriteAsync(body, NpgsqlDbType.Text);
            }
            await copy.CompleteAsync();
        }
        await ExecuteAsync("""
            CREATE INDEX search_items_folded ON search_items USING gin (folded);
            CREATE INDEX search_items_exact ON search_items USING gin (exact);
            ANALYZE search_items;
            """);
    }

    /// <summary>
    /// Every word folded must match; the rank adds twice the rank of the words as typed (so "bơi" ranks "bơi" above
    /// "bội"), as the Lucene search boosts its exact field. Top 10 ids and the total, one round trip.
    /// </summary>
    public async Task<(IReadOnlyList<string> Ids, long Total)> SearchAsync(string query)
    {
        await using var command = source.CreateCommand("""
            SELECT id, count(*) OVER () AS total
            FROM search_items, plainto_tsquery('cp_folded', $1) AS fq, plainto_tsquery('simple', lower($1)) AS eq
            WHERE folded @@ fq
            ORDER BY ts_rank(folded, fq) + 2 * ts_rank(exact, eq) DESC, id
            LIMIT 10
            """);
        command.Parameters.AddWithValue(query);
        var ids = new List<string>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
            total = reader.GetInt64(1);
        }
        return (ids, total);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = source.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync() => await cleanUp();
}
