using ChildProtection.Media;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ChildProtection.Library.Downloads;

/// <summary>
/// Sends a <see cref="MediaContent"/> the way ASP.NET Core sends static files: range requests (206),
/// If-None-Match / If-Modified-Since (304), If-Range, and — for a download — Content-Disposition with the
/// original name in RFC 5987 form (<c>filename*=UTF-8''…</c>) beside an ASCII fallback.
/// </summary>
internal static class MediaResponses
{
    public static Task SendAsync(HttpContext http, MediaContent content, bool asAttachment)
    {
        var tag = EntityTagHeaderValue.TryParse(content.ETag, out var parsed) ? parsed : null;
        var name = asAttachment ? content.DownloadName : null;
        IResult result = content.PhysicalPath is { } path
            ? Results.File(path, content.ContentType, name, content.LastModified, tag, enableRangeProcessing: true)
            : Results.File(content.OpenRead(), content.ContentType, name, content.LastModified, tag, enableRangeProcessing: true);
        // Media files are data, never pages: a browser must not sniff an upload into something it runs.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        // And should a browser render one anyway (a PDF opened in a tab, a polyglot), it runs in a sandbox of
        // its own, never as a script of this site's origin: Media's rule for every document it serves.
        http.Response.Headers.ContentSecurityPolicy = "sandbox";
        return result.ExecuteAsync(http);
    }

    /// <summary>
    /// Whether a finished response gave the client the file from its start: a full 200, or a 206 whose
    /// range begins at byte 0. Resumed ranges, 304s and HEAD requests are not new downloads.
    /// </summary>
    public static bool IsNewDownload(HttpContext http)
    {
        if (HttpMethods.IsHead(http.Request.Method)) return false;
        var status = http.Response.StatusCode;
        if (status == StatusCodes.Status200OK) return true;
        if (status != StatusCodes.Status206PartialContent) return false;
        var range = http.Request.Headers.Range.ToString();
        return RangeHeaderValue.TryParse(range, out var parsed) && parsed.Ranges.Count > 0 && parsed.Ranges.First().From == 0;
    }
}
