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
/// <c>/media/{id}/{width}/{name}.jpg|png|webp</c> for a derivative. The id alone decides what is sent (the
/// name is for people and search engines). Bytes never change under an address, so responses carry a
/// year-long immutable cache lifetime, a strong ETag and Last-Modified, and ranges are honoured. A
/// restricted file answers 404 here; the module that guards it serves it through <see cref="IMediaLibrary.OpenAsync"/>.
/// </summary>
public static class MediaEndpoints
{
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    /// <summary>What an SVG (or anything else we never render) may do when opened from our address: nothing.</summary>
    public const string DownloadOnlyCsp = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

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
        if (derivative != MediaDerivative.Original && record.Kind == MediaKind.Image && !record.DerivativesReady)
        {
            // Being made in the background: the original meanwhile, never cached.
            http.Response.Headers.CacheControl = "no-store";
            return Results.Redirect(MediaLibrary.UrlOf(record.Id, record.StoredName, record.Kind, record.ContentType, MediaDerivative.Original));
        }
        var content = library.Open(record, derivative);
        if (content is null) return NotFound(http);
        return Send(http, content, record.Kind, downloadRequested: http.Request.Query.ContainsKey("download"), cacheControl: ImmutableCacheControl);
    }

    private static IResult NotFound(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        return Results.NotFound();
    }

    /// <summary>
    /// Sends a file with range, ETag and Last-Modified support. Images and PDFs open in the browser unless a
    /// download is asked for; SVG and Office files are always downloads, with a policy that lets nothing run.
    /// Also for modules that serve restricted files themselves (with their own cache policy).
    /// </summary>
    public static IResult Send(HttpContext http, MediaContent content, MediaKind kind, bool downloadRequested, string cacheControl)
    {
        var attachment = downloadRequested || kind is not (MediaKind.Image or MediaKind.Pdf);
        var headers = http.Response.Headers;
        headers.CacheControl = cacheControl;
        headers.ContentDisposition = ContentDispositionFor(content.DownloadName, attachment);
        if (kind == MediaKind.Svg) headers.ContentSecurityPolicy = DownloadOnlyCsp;
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
