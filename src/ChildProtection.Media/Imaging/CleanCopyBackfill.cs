using ChildProtection.Media.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Media.Imaging;

/// <summary>
/// Gives images stored before public copies were cleaned their full-size clean copy (and re-made, upright,
/// metadata-free derivatives and the size as served). Run by <see cref="MediaStartup"/> after every start:
/// idempotent (an image already done is never read again: the flag is in the query), resumable (each image
/// is committed as it is done, so a restart carries on where the last run stopped), and it logs its
/// progress. Images still waiting for their derivatives are left to <see cref="MediaDerivativeJob"/>, which
/// makes both. Several nodes may run it at once: each copy is made in the node's own scratch folder and
/// written to the store whole, so the worst case is the same image made twice.
/// </summary>
public sealed class CleanCopyBackfill(MediaDbContext db, MediaStorage storage, ImagePipeline images, ILogger<CleanCopyBackfill> logger)
{
    public const int BatchSize = 20;

    /// <returns>How many images got their clean copy in this run.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var remaining = await Pending().CountAsync(cancellationToken);
        if (remaining == 0) return 0;
        logger.LogInformation("Making clean public copies of {Count} image(s) stored before metadata was removed", remaining);
        var done = 0;
        var failed = new HashSet<string>(StringComparer.Ordinal);
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await Pending().Where(m => !failed.Contains(m.Id)).OrderBy(m => m.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0) break;
            foreach (var record in batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    var (width, height) = await storage.MakePublicCopiesAsync(record, images, cancellationToken);
                    await db.Media.Where(m => m.Id == record.Id).ExecuteUpdateAsync(u => u
                        .SetProperty(m => m.CleanCopyReady, true).SetProperty(m => m.DerivativesReady, true)
                        .SetProperty(m => m.Width, width).SetProperty(m => m.Height, height), cancellationToken);
                    done++;
                }
                catch (Exception ex) when (MediaLibrary.IsImageFailure(ex) || ex is IOException or UnauthorizedAccessException)
                {
                    // Left without a clean copy: its public address keeps answering 503, never the upload.
                    failed.Add(record.Id);
                    logger.LogWarning(ex, "No clean copy could be made of {Id}; the public cannot get it", record.Id);
                }
            }
            logger.LogInformation("Clean public copies: {Done} of {Total} made", done, remaining);
        }
        return done;
    }

    private IQueryable<MediaRecord> Pending() =>
        db.Media.AsNoTracking().Where(m => m.Kind == MediaKind.Image && !m.CleanCopyReady && m.DerivativesReady && m.DerivativeExtension != null);
}
