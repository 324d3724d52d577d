using System.Globalization;
using ChildProtection.Media.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace ChildProtection.Media.Endpoints;

/// <summary>
/// The public addresses of files: <c>/media/{id}/{name}</c> for the original and
/// <c>/media/{id}/{width}/{name}.jpg|png|webp</c> for a derivative. For an image, "the original" here is
/// its full-size public copy, re-encoded without metadata: the uploaded bytes (GPS position, camera, time,
/// anything hidden after the image data) never leave through a public address; staff with ManageMedia get
/// them from the media admin (<c>/admin/media/{id}?handler=Original</c>). The id alone decides what is sent (the
/// name is for people and search engines). Bytes never change under an address, so responses carry a
/// year-long immutable cache lifetime, a strong ETag and Last-Modified, and ranges are honoured. A
/// restricted file answers 404 here; the module that guards it serves it through <see cref="IMediaLibrary.OpenAsync"/>.
/// </summary>
public static class MediaEndpoints
{
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    /// <summary>What an SVG (or anything else we never render) may do when opened from our address: nothing.</summary>
    public const string DownloadOnlyCsp = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

    /// <summary>
    /// Every document (PDF, Office): whatever slipped past the upload check cannot run script in the site's
    /// origin if a browser renders it. Chromium will not start its PDF viewer in a sandboxed document, so
    /// documents are sent as downloads (opened by the reader's own PDF or Office program).
    /// </summary>
    public const string DocumentCsp = "sandbox";

    /// <summary>Seconds a client is asked to wait while an image's public copies are being made.</summary>
    public const int PreparingRetrySeconds = 10;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/media/{id}/{name}", [HttpMethods.Get, HttpMethods.Head], (HttpContext http, string id, string name, MediaDbContext db, MediaLibrary library, CancellationToken ct) =>
            ServeAsync(http, id, MediaDerivative.Original, db, library, ct)).AllowAnonymous();
        endpoints.MapMethods("/media/{id}/{width:int}/{name}", [HttpMethods.Get, HttpMethods.Head], (HttpContext http, string id, int width, string name, MediaDbContext db, MediaLibrary library, CancellationToken ct) =>
        {
            var derivative = MediaStorage.DerivativeFor(width, name.EndsWith(".webp", StringComparison.OrdinalIgnoreCase));
            return derivative is null ? Task.FromResult(Results.NotFound()) : ServeAsync(http, id, derivative.Value, db, library, ct);
        }).AllowAnonymous();
    }

    private static async Task<IResult> ServeAsync(HttpContext http, string id, MediaDerivative derivative, MediaDbContext db, MediaLibrary library, CancellationToken ct)
    {
        if (!MediaStorage.IsValidId(id)) return NotFound(http);
        var record = await db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, ct);
        if (record is null || record.Restricted) return NotFound(http);
        if (record.Kind == MediaKind.Image && (derivative == MediaDerivative.Original ? !record.CleanCopyReady : !record.DerivativesReady))
        {
            // Being made in the background (a large upload, or an image from before clean copies): the uploaded
            // bytes are never the stand-in, so "try again shortly", never cached.
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.RetryAfter = PreparingRetrySeconds.ToString(CultureInfo.InvariantCulture);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        var content = await library.OpenAsync(record, derivative, ct);
        if (content is null) return NotFound(http);
        return Send(http, content, record.Kind, downloadRequested: http.Request.Query.ContainsKey("download"), cacheControl: ImmutableCacheControl);
    }

    private static IResult NotFound(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        return Results.NotFound();
    }

    /// <summary>
    /// Sends a file with range, ETag and Last-Modified support. Images open in the browser unless a download
    /// is asked for; documents (PDF, Office) and SVG are always downloads, with a policy that lets nothing
    /// run (<see cref="DocumentCsp"/>, <see cref="DownloadOnlyCsp"/>), and never sniffed as anything else.
    /// Also for modules that serve restricted files themselves (with their own cache policy).
    /// </summary>
    public static IResult Send(HttpContext http, MediaContent content, MediaKind kind, bool downloadRequested, string cacheControl)
    {
        var attachment = downloadRequested || kind is not MediaKind.Image;
        var headers = http.Response.Headers;
        headers.CacheControl = cacheControl;
        headers.ContentDisposition = ContentDispositionFor(content.DownloadName, attachment);
        headers.XContentTypeOptions = "nosniff";
        if (kind == MediaKind.Svg) headers.ContentSecurityPolicy = DownloadOnlyCsp;
        else if (kind != MediaKind.Image) headers.ContentSecurityPolicy = DocumentCsp;
        var lastModified = content.LastModified;
        var etag = EntityTagHeaderValue.Parse(content.ETag);
        return content.PhysicalPath is { } path
            ? Results.File(path, content.ContentType, fileDownloadName: null, lastModified, etag, enableRangeProcessing: true)
            : Results.Stream(content.OpenRead(), content.ContentType, fileDownloadName: null, lastModified, etag, enableRangeProcessing: true);
    }

    /// <summary><c>inline|attachment; filename="ASCII fallback"; filename*=UTF-8''percent-encoded original</c> (RFC 6266 / 5987).</summary>
    public static string ContentDispositionFor(string fileName, bool attachment)
    {
        var header = new ContentDispositionHeaderValue(attachment ? "attachment" : "inline");
        var ascii = AsciiFallback(fileName);
        header.FileName = ascii;
        header.FileNameStar = fileName;
        return header.ToString();
    }

    private static string AsciiFallback(string name)
    {
        var folded = ChildProtection.Core.Routing.Slug.Fold(name);
        var chars = folded.Select(c => c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '_').ToArray();
        return new string(chars);
    }
}
