using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Notices.Bounces;

/// <summary>Registers the bounce mailbox poll (every five minutes) with Hangfire at start-up (AddOrUpdate: every node may do it, the job stays one).</summary>
internal sealed class BounceSchedule(IRecurringJobManager jobs, ILogger<BounceSchedule> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            jobs.AddOrUpdate<BouncePollJob>(BouncePollJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), "*/5 * * * *");
        }
        catch (Exception ex)
        {
            // Job storage unreachable at start must not keep the site down; the next start registers it.
            logger.LogError(ex, "Could not register the bounce mailbox job");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class BounceRegistration
{
    /// <summary>Return paths with signed tags for notices and reminders, and the job that reads the bounces back.</summary>
    public static IServiceCollection AddNoticeBounces(this IServiceCollection services)
    {
        services.AddScoped<BounceTokens>();
        services.AddScoped<BounceReturnPaths>();
        // Hangfire activates the job from a scope of its own.
        services.AddScoped<BouncePollJob>();
        services.AddHostedService<BounceSchedule>();
        return services;
    }
}
