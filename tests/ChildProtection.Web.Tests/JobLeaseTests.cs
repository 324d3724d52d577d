using ChildProtection.Testing;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChildProtection.Web.Tests;

/// <summary>
/// The job lease on PostgreSQL storage (Jobs:LeaseMinutes): a job that runs longer than the lease is not
/// handed to a second worker while its server is alive, because the server renews the lease as it runs.
/// With the storage's fixed lease a still-running job became visible again and ran a second time.
/// </summary>
public sealed class JobLeaseTests
{
    [PostgresFact]
    public async Task A_job_running_longer_than_the_lease_runs_once()
    {
        await using var database = await PostgresDatabase.CreateAsync("cp_lease");
        using var node = new SiteFactory { PostgresConnectionString = database.ConnectionString };
        node.Settings["Jobs:LeaseMinutes"] = (10 / 60.0).ToString(System.Globalization.CultureInfo.InvariantCulture); // 10 s, the minimum
        node.Settings["Jobs:PollSeconds"] = "0.5";
        node.Settings["Jobs:WorkerCount"] = "4";
        using var client = node.CreateClient();

        var probe = Guid.NewGuid().ToString("N");
        node.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<SlowProbeJob>(j => j.RunAsync(probe, 25));
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (SlowProbeJob.Finished(probe) == 0 && DateTime.UtcNow < until) await Task.Delay(500);
        Assert.Equal(1, SlowProbeJob.Finished(probe));
        // Polled a few more times after the end: a second copy fetched late would have started by now.
        await Task.Delay(3000);
        Assert.Equal(1, SlowProbeJob.Started(probe));
    }
}

/// <summary>A job that takes its time and counts its starts and ends per probe.</summary>
public sealed class SlowProbeJob
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (int Started, int Finished)> counts = new();

    public static int Started(string probe) => counts.GetValueOrDefault(probe).Started;
    public static int Finished(string probe) => counts.GetValueOrDefault(probe).Finished;

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(string probe, int seconds)
    {
        counts.AddOrUpdate(probe, (1, 0), (_, c) => (c.Started + 1, c.Finished));
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        counts.AddOrUpdate(probe, (0, 1), (_, c) => (c.Started, c.Finished + 1));
    }
}
