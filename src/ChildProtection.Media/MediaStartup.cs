using ChildProtection.Media.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Media;

/// <summary>
/// After start-up, in the background: removes uploads left in <c>media/.tmp</c> by a process that died
/// mid-upload, removes file folders that have no record (a crash between the move and the commit),
/// enqueues derivatives for images that still have none, and makes the clean public copies of images
/// stored before there were any (<see cref="Imaging.CleanCopyBackfill"/>).
/// </summary>
internal sealed class MediaStartup(IServiceScopeFactory scopes, MediaStorage storage, ILogger<MediaStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Migrations run in the first hosted service; give the site a moment to finish starting.
            await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            await SweepAsync(TimeSpan.FromHours(1), stoppingToken);
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<Imaging.CleanCopyBackfill>().RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) { }
        catch (Exception ex) { logger.LogWarning(ex, "The media start-up sweep failed"); }
    }

    internal async Task SweepAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        var cutoff = DateTime.UtcNow - olderThan;
        foreach (var file in Directory.EnumerateFiles(storage.TempFolder))
            if (File.GetLastWriteTimeUtc(file) < cutoff) MediaStorage.DeleteQuietly(file);
        foreach (var folder in Directory.EnumerateDirectories(storage.TempFolder))
            if (Directory.GetLastWriteTimeUtc(folder) < cutoff) MediaStorage.DeleteFolderQuietly(folder);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MediaDbContext>();
        var known = (await db.Media.AsNoTracking().Select(m => m.Id).ToListAsync(cancellationToken)).ToHashSet();
        // Files in the store without a record: a crash between writing and committing on the folder store
        // (the database store commits both or neither). Only folders left alone for a while: an upload in
        // progress on another node has written its files but not yet committed.
        var stored = await storage.Store.ListAsync(MediaStorage.Prefix, cancellationToken);
        foreach (var group in stored.GroupBy(f => MediaStorage.IdOf(f.Path)))
        {
            if (group.Key is not { } id || known.Contains(id) || group.Max(f => f.LastWriteUtc) >= cutoff) continue;
            logger.LogInformation("Removing media folder {Id} that has no record", id);
            await storage.DeleteFolderAsync(id, null, cancellationToken);
        }

        var pending = await db.Media.AsNoTracking().Where(m => m.Kind == MediaKind.Image && !m.DerivativesReady && m.CreatedUtc < cutoff)
            .Select(m => m.Id).ToListAsync(cancellationToken);
        var library = scope.ServiceProvider.GetRequiredService<MediaLibrary>();
        foreach (var id in pending) library.EnqueueDerivatives(id);
    }
}
