using ChildProtection.Audit.Data;
using ChildProtection.Core.Settings;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Audit.Trail;

/// <summary>How long entries are kept; stored as the named document "AuditSettings".</summary>
public sealed class AuditSettings
{
    public const string DocumentName = "AuditSettings";
    public const int MinimumDays = 30;
    public const int MaximumDays = 3650;
    public int RetentionDays { get; set; } = 730;
}

/// <summary>
/// Deletes entries older than the retention period. Daily recurring work; running it twice, or on two
/// nodes at once, deletes the same rows once (one DELETE by age).
/// </summary>
public sealed class AuditPurgeJob(AuditDbContext db, IDocumentStore documents, TimeProvider clock, ILogger<AuditPurgeJob> logger)
{
    public const string RecurringJobId = "audit-purge";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = await documents.GetAsync<AuditSettings>(AuditSettings.DocumentName, cancellationToken) ?? new AuditSettings();
        var days = Math.Clamp(settings.RetentionDays, AuditSettings.MinimumDays, AuditSettings.MaximumDays);
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-days);
        var deleted = await db.AuditEvents.Where(e => e.AtUtc < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0) logger.LogInformation("Audit trail: {Count} entries older than {Days} days deleted", deleted, days);
        return deleted;
    }
}

/// <summary>Registers the daily purge with Hangfire at start-up (AddOrUpdate: every node may do it, the job stays one).</summary>
internal sealed class AuditPurgeSchedule(IRecurringJobManager jobs, ILogger<AuditPurgeSchedule> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            jobs.AddOrUpdate<AuditPurgeJob>(AuditPurgeJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), Cron.Daily(3));
        }
        catch (Exception ex)
        {
            // Job storage unreachable at start must not keep the site down; the next start registers it.
            logger.LogError(ex, "Could not register the audit purge job");
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
