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
        var postgres = new PostgreSqlStorageOptions
        {
            SchemaName = HangfireSchema.SchemaName,
            // Installed by the site's preparation under the migration lock (HangfireSchema), not here.
            PrepareSchemaIfNecessary = false,
            // A job enqueued on another node is seen at the next poll (the default is 15 s).
            QueuePollInterval = options.PollInterval,
            // The lease: a fetched job stays invisible to other servers for this long after the last sign of life
            // of the server running it. Sliding: that server renews it every lease/5 while the job runs, so a long
            // job (a 10,000-recipient lane) is never taken by a second server while the first is alive, and a job
            // whose server died is picked up by another one at most a lease (plus a poll) later. Without sliding,
            // the library's default (30 minutes, fixed) both delays recovery and hands a job that simply runs
            // longer than that to a second server.
            InvisibilityTimeout = options.Lease,
            UseSlidingInvisibilityTimeout = true,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, postgres), postgres);
    }
}
