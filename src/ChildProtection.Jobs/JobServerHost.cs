using ChildProtection.Core.Data;
using ChildProtection.Core.Jobs;
using ChildProtection.Core.Modules;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Jobs;

/// <summary>
/// Runs this process's two Hangfire servers when <c>Jobs:RunServer</c> is true (the default), none otherwise:
/// the ordinary server (<see cref="JobQueues.Ordinary"/>, <c>Jobs:WorkerCount</c> workers), where a notice's
/// delivery lanes each hold a worker for the whole send, and the fast lane (<see cref="JobQueues.Fast"/> only,
/// <c>Jobs:FastWorkerCount</c> workers of its own, polling every <c>Jobs:FastPollSeconds</c>), so a single
/// message never waits behind a bulk send however many lanes it has.
/// </summary>
internal sealed class JobServerHost(JobsOptions options, JobStorage storage, DatabaseOptions database, AppPaths paths, IServiceProvider services)
    : Microsoft.Extensions.Hosting.IHostedService, IDisposable
{
    /// <summary>How the dashboard's Servers page tells them apart (Hangfire appends a unique id to each).</summary>
    public static string OrdinaryServerName => $"{Environment.MachineName}:{Environment.ProcessId}:general";
    public static string FastLaneServerName => $"{Environment.MachineName}:{Environment.ProcessId}:fast-lane";

    private BackgroundJobServer? ordinary;
    private BackgroundJobServer? fast;
    private JobStorage? fastStorage;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.RunServer) return Task.CompletedTask;
        var activator = new Hangfire.AspNetCore.AspNetCoreJobActivator(services.GetRequiredService<IServiceScopeFactory>());
        ordinary = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = options.WorkerCount,
            ServerName = OrdinaryServerName,
            SchedulePollingInterval = options.PollInterval,
            Queues = [.. JobQueues.Ordinary],
            Activator = activator,
        }, storage);
        // Its own storage object on the same database: the queue poll is a storage option (see the factory).
        fastStorage = JobStorageFactory.CreateFastLane(database, paths, options);
        fast = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = options.FastWorkerCount,
            ServerName = FastLaneServerName,
            // Retries of fast-lane jobs (scheduled states) are enqueued by whichever server's scheduler comes first.
            SchedulePollingInterval = options.FastPollInterval,
            Queues = [.. JobQueues.FastLane],
            Activator = activator,
        }, fastStorage);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Both are told at once, so neither's running jobs lose shutdown time waiting for the other.
        Stop(ordinary);
        Stop(fast);
        await Task.WhenAll(WaitAsync(ordinary, cancellationToken), WaitAsync(fast, cancellationToken));
    }

    // A server already disposed has stopped: nothing to wait for. Seen in CI under load (ObjectDisposedException
    // from WaitForShutdownAsync in a test host's stop); a stop must not fail the shutdown over it.
    private static void Stop(BackgroundJobServer? server)
    {
        try { server?.SendStop(); }
        catch (ObjectDisposedException) { }
    }

    private static async Task WaitAsync(BackgroundJobServer? server, CancellationToken cancellationToken)
    {
        if (server is null) return;
        try { await server.WaitForShutdownAsync(cancellationToken); }
        catch (ObjectDisposedException) { }
    }

    public void Dispose()
    {
        ordinary?.Dispose();
        fast?.Dispose();
        (fastStorage as IDisposable)?.Dispose();
    }
}
