using ChildProtection.Core.Data;
using ChildProtection.Core.Modules;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;

namespace ChildProtection.Jobs;

/// <summary>
/// Builds a site's Hangfire storage from its own settings, without touching Hangfire's global
/// <c>JobStorage.Current</c>: SQLite in a file of its own for the embedded default (job polling never
/// contends with the content database's writers), PostgreSQL in schema "hangfire" when the site runs on
/// several nodes (any number of servers share it).
/// </summary>
public static class JobStorageFactory
{
    public static JobStorage Create(DatabaseOptions database, AppPaths paths, JobsOptions options)
    {
        if (database.Provider != DatabaseProvider.Postgres)
            return new SQLiteStorage(paths.Combine("hangfire.db"), new SQLiteStorageOptions { QueuePollInterval = options.PollInterval });
        var postgres = new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, postgres), postgres);
    }
}
