using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Notices.Delivery;

/// <summary>
/// At start-up: requeues this node's orphaned rows, restarts lanes of notices left in Sending and
/// registers the watchdog. Hosted services start in registration order and the host registers its
/// migrations (SitePreparation) before any module, so the tables exist by now; the job server (Jobs
/// module) may already run, which is why recovery tells this process's claims from earlier ones by the
/// instance part of ClaimedBy rather than by timing.
/// </summary>
internal sealed class DeliveryStartup(IServiceScopeFactory scopes, IRecurringJobManager recurring, ILogger<DeliveryStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            recurring.AddOrUpdate<DeliveryWatchdogJob>(DeliveryWatchdogJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DeliveryRecovery>().RunAsync(atStartup: true, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The site must come up even if recovery cannot run now; the watchdog tries again every minute.
            logger.LogError(e, "Notice delivery recovery at start-up failed");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
