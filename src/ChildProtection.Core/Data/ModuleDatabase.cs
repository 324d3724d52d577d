using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Data.Common;

namespace ChildProtection.Core.Data;

/// <summary>
/// Each module owns a DbContext and its migrations for both providers. The module's context is an
/// abstract-ish base with two thin subclasses (one per provider) so that each provider keeps its own
/// migration history in the module's assembly.
/// </summary>
public interface IModuleDatabase
{
    string Name { get; }
    Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken);
    Task<bool> CanConnectAsync(IServiceProvider services, CancellationToken cancellationToken);
}

internal sealed class ModuleDatabase<TContext>(string name) : IModuleDatabase where TContext : DbContext
{
    public string Name => name;

    public async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        // Migrate() loads EF's migrations machinery and, since EF 9, builds the design-time model and diffs it
        // against the snapshot: about 4 MB of code and types that would stay resident for the life of the site
        // (bench downloads-pack, 11 module contexts). An up-to-date database (every start but the first after an
        // upgrade) needs only the list of applied migrations; a new or older one is migrated as before, so a
        // fresh test database still runs EF's pending-model-changes check.
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            // Said once per upgrade, by the one node that holds the migration lock (see MigrationLock).
            services.GetService<ILoggerFactory>()?.CreateLogger("ChildProtection.Core.Data.Migrations")
                .LogInformation("Applying {Count} migration(s) to {Module}: {Migrations}", pending.Count, name, string.Join(", ", pending));
            await db.Database.MigrateAsync(cancellationToken);
        }
        // WAL is a property of the database file: set once here rather than on every connection.
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    public async Task<bool> CanConnectAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        return await db.Database.CanConnectAsync(cancellationToken);
    }
}

public static class ModuleDatabaseRegistration
{
    /// <summary>Registers a module's context with the configured provider and queues its migrations for start-up.</summary>
    public static IServiceCollection AddModuleDbContext<TContext, TSqlite, TPostgres>(this IServiceCollection services, string name)
        where TContext : DbContext
        where TSqlite : TContext
        where TPostgres : TContext
    {
        // Contexts come from a pool per provider (a public page must not pay for building one), one per
        // scope; disposing the scope returns it to the pool.
        services.AddSingleton(sp => new PooledDbContextFactory<TSqlite>(BuildOptions<TSqlite>(sp.GetRequiredService<DatabaseOptions>())));
        services.AddSingleton(sp => new PooledDbContextFactory<TPostgres>(BuildOptions<TPostgres>(sp.GetRequiredService<DatabaseOptions>())));
        services.AddScoped<TContext>(sp => sp.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Postgres
            ? sp.GetRequiredService<PooledDbContextFactory<TPostgres>>().CreateDbContext()
            : sp.GetRequiredService<PooledDbContextFactory<TSqlite>>().CreateDbContext());
        services.AddSingleton<IModuleDatabase>(new ModuleDatabase<TContext>(name));
        return services;
    }

    public static DbContextOptions<T> BuildOptions<T>(DatabaseOptions db) where T : DbContext
    {
        var builder = new DbContextOptionsBuilder<T>();
        Configure(builder, db, HistoryTableFor(typeof(T)));
        return builder.Options;
    }

    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions db, string historyTable = DefaultHistoryTable)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            builder.UseNpgsql(db.ConnectionString, o => o.MigrationsHistoryTable(historyTable));
        }
        else
        {
            builder.UseSqlite(db.ConnectionString, o => o.MigrationsHistoryTable(historyTable));
            builder.AddInterceptors(SqlitePragmas.Instance);
        }
    }

    private const string DefaultHistoryTable = "__EFMigrationsHistory";

    /// <summary>
    /// Each module keeps its own migration history (SqliteUsersDbContext → __EFMigrationsHistory_Users),
    /// so one module's migrations never mix with another's; the engine keeps EF's default table.
    /// </summary>
    internal static string HistoryTableFor(Type context)
    {
        var name = context.Name;
        foreach (var prefix in new[] { "Sqlite", "Postgres" })
            if (name.StartsWith(prefix, StringComparison.Ordinal)) name = name[prefix.Length..];
        if (name.EndsWith("DbContext", StringComparison.Ordinal)) name = name[..^"DbContext".Length];
        return name is "Core" or "" ? DefaultHistoryTable : $"{DefaultHistoryTable}_{name}";
    }
}

/// <summary>
/// Per-connection SQLite settings. WAL (set once per file at migration) lets readers go on while a
/// writer commits; Microsoft.Data.Sqlite itself retries a busy database until the command timeout.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite) return;
        // SQLite's own lower() folds ASCII only; Vietnamese capitals (Đ, Ư, Ơ, accented vowels) need .NET's.
        sqlite.CreateFunction("lower", (string? text) => text?.ToLowerInvariant(), isDeterministic: true);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";
        cmd.ExecuteNonQuery();
    }
}
