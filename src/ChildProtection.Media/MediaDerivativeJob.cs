using ChildProtection.Media.Data;
using ChildProtection.Media.Imaging;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Media;

/// <summary>Makes a large image's derivatives after its upload. Idempotent: a file already done, or gone, costs one query.</summary>
public sealed class MediaDerivativeJob(MediaDbContext db, MediaStorage storage, ImagePipeline images, ILogger<MediaDerivativeJob> logger)
{
    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(string mediaId, CancellationToken cancellationToken)
    {
        var record = await db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mediaId, cancellationToken);
        if (record is null || record.DerivativesReady || record.Kind != MediaKind.Image || record.DerivativeExtension is null) return;
        try
        {
            await images.MakeDerivativesAsync(storage.OriginalPath(record), storage.FolderFor(record.Id), record.DerivativeExtension, cancellationToken);
        }
        catch (Exception ex) when (MediaLibrary.IsImageFailure(ex))
        {
            // Not worth a retry: the same bytes fail the same way. The file stays downloadable as it is.
            logger.LogWarning(ex, "The derivatives of {Id} could not be made", mediaId);
            return;
        }
        await db.Media.Where(m => m.Id == mediaId)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.DerivativesReady, true), cancellationToken);
    }
}
