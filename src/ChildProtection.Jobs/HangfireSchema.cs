using ChildProtection.Core.Data;
using Hangfire.PostgreSql;
using Npgsql;

namespace ChildProtection.Jobs;

/// <summary>
/// Hangfire's PostgreSQL schema, installed with the modules' migrations (under the site's migration lock)
/// rather than by the storage itself: its installer runs each version in a serializable transaction, and two
/// nodes starting at once on an empty database could both try to create the schema; and the storage's own
/// eager install would run while the host is being built, before the site has had a chance to wait for an
/// unreachable database. The SQLite storage keeps its own file per node and creates it itself.
/// </summary>
internal sealed class HangfireSchema(DatabaseOptions database) : IModuleDatabase
{
    public const string SchemaName = "hangfire";

    public string Name => "Jobs";

    public async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (database.Provider != DatabaseProvider.Postgres) return;
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        // Skips every version already applied; cheap on an up-to-date database.
        PostgreSqlObjectsInstaller.Install(connection, SchemaName);
    }

    // The engine's database check already covers the same server.
    public Task<bool> CanConnectAsync(IServiceProvider services, CancellationToken cancellationToken) => Task.FromResult(true);
}
