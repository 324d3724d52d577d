using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Editorial.Scheduling;

/// <summary>
/// Registers the minute run with Hangfire (AddOrUpdate: every node may do it, the job stays one) and
/// enqueues one run at start-up, so what fell due while the site was down goes out within seconds
/// instead of at the next minute.
/// </summary>
internal sealed class ScheduledPublishingRegistration(IRecurringJobManager recurring, IBackgroundJobClient jobs, ILogger<ScheduledPublishingRegistration> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            recurring.AddOrUpdate<ScheduledPublishingJob>(ScheduledPublishingJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
            jobs.Enqueue<ScheduledPublishingJob>(j => j.RunAsync(CancellationToken.None));
        }
        catch (Exception ex)
        {
            // Job storage unreachable at start must not keep the site down; the next start registers it.
            logger.LogError(ex, "Could not register scheduled publishing");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
