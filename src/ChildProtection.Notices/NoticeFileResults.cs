using ChildProtection.Core.Files;
using Microsoft.AspNetCore.Mvc;

namespace ChildProtection.Notices;

/// <summary>An attachment as a download: from disk when it is a file here, otherwise streamed from the store (ranges either way).</summary>
internal static class NoticeFileResults
{
    public static IActionResult Send(StoredFile stored, string contentType, string fileName) =>
        stored.PhysicalPath is { } path
            ? new PhysicalFileResult(path, contentType) { FileDownloadName = fileName, EnableRangeProcessing = true }
            : new FileStreamResult(stored.OpenRead(), contentType) { FileDownloadName = fileName, EnableRangeProcessing = true };
}
