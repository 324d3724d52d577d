using ChildProtection.Media.Data;
using ChildProtection.Media.Imaging;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Media;

/// <summary>
/// Makes a large image's public copies (the full-size clean copy and the derivatives) after its upload.
/// Idempotent: a file already done, or gone, costs one query.
/// </summary>
public sealed class MediaDerivativeJob(MediaDbContext db, MediaStorage storage, ImagePipeline images, ILogger<MediaDerivativeJob> logger)
{
    [AutomaticRetry(Attempts = 2)]
    public async Task RunAsync(string mediaId, CancellationToken cancellationToken)
    {
        var record = await db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mediaId, cancellationToken);
        if (record is null || (record.DerivativesReady && record.CleanCopyReady) || record.Kind != MediaKind.Image || record.DerivativeExtension is null) return;
        int width, height;
        try
        {
            (width, height) = await storage.MakePublicCopiesAsync(record, images, cancellationToken);
        }
        catch (FileNotFoundException ex)
        {
            // The original is gone from the store (deleted meanwhile, or lost): nothing to make, nothing to retry.
            logger.LogWarning(ex, "The derivatives of {Id} could not be made: no original", mediaId);
            return;
        }
        catch (Exception ex) when (MediaLibrary.IsImageFailure(ex))
        {
            // Not worth a retry: the same bytes fail the same way. The public never gets the file (no clean copy);
            // staff still reach the upload in the media admin.
            logger.LogWarning(ex, "The derivatives of {Id} could not be made", mediaId);
            return;
        }
        await db.Media.Where(m => m.Id == mediaId)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.DerivativesReady, true).SetProperty(m => m.CleanCopyReady, true)
                .SetProperty(m => m.Width, width).SetProperty(m => m.Height, height), cancellationToken);
    }
}
