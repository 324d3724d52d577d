using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Events.Registration;

/// <summary>
/// Starts the mail job soon after something was promised: a registration writes its e-mail row and
/// returns at once; the job sends. When the job storage cannot be reached the rows wait for the minute
/// sweep, so a kick that fails loses nothing.
/// </summary>
public sealed class EventMailQueue(IBackgroundJobClient jobs, ILogger<EventMailQueue> logger)
{
    private int pending;

    public void Kick()
    {
        // Fifty registrations in one second need one run, not fifty: kicks within a short window become one
        // run that starts after the window, when every row kicked for has been committed.
        if (Interlocked.Exchange(ref pending, 1) == 1) return;
        _ = Task.Run(async () =>
        {
            await Task.Delay(300);
            Interlocked.Exchange(ref pending, 0);
            try { jobs.Enqueue<EventMailJob>(j => j.RunAsync(CancellationToken.None)); }
            catch (Exception ex) { logger.LogWarning(ex, "Could not start the event mail job; the minute sweep sends the mail"); }
        });
    }
}

/// <summary>Registers the minute sweep (retries, rows whose kick was lost) and one run at start-up.</summary>
internal sealed class EventMailSchedule(IRecurringJobManager recurring, IBackgroundJobClient jobs, ILogger<EventMailSchedule> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            recurring.AddOrUpdate<EventMailJob>(EventMailJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), Cron.Minutely());
            jobs.Enqueue<EventMailJob>(j => j.RunAsync(CancellationToken.None));
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not register the event mail sweep");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
