using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Notices.Acknowledgement;

/// <summary>Registers the hourly reminder run with Hangfire at start-up (AddOrUpdate: every node may do it, the job stays one).</summary>
internal sealed class ReminderSchedule(IRecurringJobManager jobs, ILogger<ReminderSchedule> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            jobs.AddOrUpdate<ReminderJob>(ReminderJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), Cron.Hourly());
        }
        catch (Exception ex)
        {
            // Job storage unreachable at start must not keep the site down; the next start registers it.
            logger.LogError(ex, "Could not register the notice reminder job");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
