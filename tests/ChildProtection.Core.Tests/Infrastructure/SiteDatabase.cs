using ChildProtection.Core.Data;

namespace ChildProtection.Core.Tests.Infrastructure;

/// <summary>Where a test site keeps its tables: a fresh SQLite file or a fresh PostgreSQL database.</summary>
public interface ISiteDatabase : IAsyncDisposable
{
    DatabaseOptions Options { get; }
}

public sealed class SqliteSiteDatabase : ISiteDatabase
{
    private SqliteSiteDatabase(DatabaseOptions options) => Options = options;

    public DatabaseOptions Options { get; }

    // No pooling: a pooled handle would keep the file open after the test and the temp folder could not go.
    public static ISiteDatabase Create(TempFolder folder) => new SqliteSiteDatabase(new DatabaseOptions
    {
        Provider = DatabaseProvider.Sqlite,
        ConnectionString = $"Data Source={folder.Combine("site.db")};Pooling=False",
    });

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

public sealed class PostgresSiteDatabase : ISiteDatabase
{
    private readonly PostgresDatabase database;

    private PostgresSiteDatabase(PostgresDatabase database)
    {
        this.database = database;
        Options = new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = database.ConnectionString };
    }

    public DatabaseOptions Options { get; }

    public static async Task<ISiteDatabase> CreateAsync() => new PostgresSiteDatabase(await PostgresDatabase.CreateAsync("cp_core"));

    public ValueTask DisposeAsync() => database.DisposeAsync();
}

/// <summary>Chooses the database for a family of tests; each concrete test class picks one.</summary>
public interface IDatabaseKind
{
    static abstract Task<ISiteDatabase> CreateAsync(TempFolder folder);
}

public sealed class Sqlite : IDatabaseKind
{
    public static Task<ISiteDatabase> CreateAsync(TempFolder folder) => Task.FromResult(SqliteSiteDatabase.Create(folder));
}

public sealed class Postgres : IDatabaseKind
{
    public static Task<ISiteDatabase> CreateAsync(TempFolder folder) => PostgresSiteDatabase.CreateAsync();
}
