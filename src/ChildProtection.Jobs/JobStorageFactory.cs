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
    /// <summary>The site's storage: what clients enqueue into, the dashboard reads and the ordinary server polls.</summary>
    public static JobStorage Create(DatabaseOptions database, AppPaths paths, JobsOptions options) =>
        Create(database, paths, options, options.PollInterval);

    /// <summary>
    /// A second storage object on the same database for the fast-lane server. The queue poll interval is an
    /// option of the storage, not of the server (both libraries' fetch loops wait
    /// <c>QueuePollInterval</c> between queries when they find nothing), so a short poll for the fast queue
    /// alone needs a storage object of its own; the jobs, queues and locks are the same rows. Hangfire.PostgreSql
    /// also wakes a waiting fetch at once when a job is enqueued in this process (a process-wide signal per
    /// queue), so the poll only matters for jobs enqueued by another node (a web node).
    /// </summary>
    public static JobStorage CreateFastLane(DatabaseOptions database, AppPaths paths, JobsOptions options) =>
        Create(database, paths, options, options.FastPollInterval);

    private static JobStorage Create(DatabaseOptions database, AppPaths paths, JobsOptions options, TimeSpan queuePoll)
    {
        if (database.Provider != DatabaseProvider.Postgres)
            return new SQLiteStorage(paths.Combine("hangfire.db"), new SQLiteStorageOptions { QueuePollInterval = queuePoll });
        var postgres = new PostgreSqlStorageOptions
        {
            SchemaName = HangfireSchema.SchemaName,
            // Installed by the site's preparation under the migration lock (HangfireSchema), not here.
            PrepareSchemaIfNecessary = false,
            // A job enqueued on another node is seen at the next poll (the default is 15 s).
            QueuePollInterval = queuePoll,
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
