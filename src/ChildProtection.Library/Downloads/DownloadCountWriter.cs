using ChildProtection.Core.Settings;
using ChildProtection.Library.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Library.Downloads;

/// <summary>
/// Drains <see cref="DownloadCounter"/>: waits for the first hit, gathers what arrives within the batch
/// window (default 1 s, <c>Library:CountFlushMilliseconds</c>) or up to 5,000 hits, adds them up per
/// resource, day (in the site's time zone) and school, and adds each sum to its row in one statement per
/// row (an upsert, so several web nodes may count into the same rows).
/// </summary>
internal sealed class DownloadCountWriter(DownloadCounter counter, IServiceProvider services, IConfiguration configuration, ILogger<DownloadCountWriter> logger)
    : BackgroundService
{
    private const int MaxBatch = 5_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var window = TimeSpan.FromMilliseconds(Math.Clamp(configuration.GetValue("Library:CountFlushMilliseconds", 1000), 10, 60_000));
        var reader = counter.Reader;
        var batch = new List<DownloadHit>();
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                using (var windowCts = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
                {
                    windowCts.CancelAfter(window);
                    try
                    {
                        while (batch.Count < MaxBatch)
                        {
                            while (batch.Count < MaxBatch && reader.TryRead(out var hit)) batch.Add(hit);
                            if (batch.Count >= MaxBatch || !await reader.WaitToReadAsync(windowCts.Token)) break;
                        }
                    }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested) { }
                }
                await WriteAsync(batch, CancellationToken.None);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }

        // Orderly shutdown: what is already counted in memory still reaches the database.
        while (reader.TryRead(out var rest)) batch.Add(rest);
        if (batch.Count > 0) await WriteAsync(batch, CancellationToken.None);
    }

    private async Task WriteAsync(List<DownloadHit> hits, CancellationToken cancellationToken)
    {
        if (hits.Count == 0) return;
        try
        {
            await using var scope = services.CreateAsyncScope();
            var settings = await scope.ServiceProvider.GetRequiredService<ISiteSettingsService>().GetAsync(cancellationToken);
            var time = SiteTime.From(settings);
            var sums = DownloadSums.Add(hits, time);
            var db = scope.ServiceProvider.GetRequiredService<LibraryDbContext>();
            await DownloadSums.SaveAsync(db, sums, cancellationToken);
        }
        catch (Exception ex)
        {
            // Counting must never take the site down; the hits of this batch are lost and that is logged.
            logger.LogError(ex, "{Count} download hits could not be written", hits.Count);
        }
    }
}

/// <summary>Adding hits up and writing the sums; separate so it is testable without a host.</summary>
internal static class DownloadSums
{
    public static Dictionary<(string ResourceId, DateOnly Day, int OrganisationId), long> Add(IEnumerable<DownloadHit> hits, SiteTime time)
    {
        var sums = new Dictionary<(string, DateOnly, int), long>();
        foreach (var hit in hits)
        {
            var key = (hit.ResourceId, DateOnly.FromDateTime(time.ToLocal(hit.AtUtc)), hit.OrganisationId);
            sums[key] = sums.GetValueOrDefault(key) + 1;
        }
        return sums;
    }

    public static async Task SaveAsync(LibraryDbContext db, Dictionary<(string ResourceId, DateOnly Day, int OrganisationId), long> sums, CancellationToken cancellationToken)
    {
        await using var tx = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var ((resourceId, day, organisationId), count) in sums)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "LibraryDownloads" ("ResourceId", "Day", "OrganisationId", "Count") VALUES ({resourceId}, {day}, {organisationId}, {count})
                ON CONFLICT ("ResourceId", "Day", "OrganisationId") DO UPDATE SET "Count" = "LibraryDownloads"."Count" + excluded."Count"
                """, cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
    }
}
