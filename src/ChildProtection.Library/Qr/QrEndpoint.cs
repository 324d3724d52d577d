using ChildProtection.Themes.Public;
using System.Text;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Settings;
using ChildProtection.Library.Parts;
using ChildProtection.Library.Public;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace ChildProtection.Library.Qr;

/// <summary>
/// <c>/qr/{path}.png</c> and <c>/qr/{path}.svg</c>: the QR code of any published page with an address
/// (resources, campaigns, articles, events), pointing at its absolute public address — the configured
/// site address, else the one the request came to. Pages the asker cannot see have no QR code either.
/// </summary>
internal static class QrEndpoint
{
    public static async Task SendAsync(HttpContext http, string? rawPath)
    {
        var path = (rawPath ?? "").Trim('/');
        var format = path.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? "png" : path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) ? "svg" : null;
        var services = http.RequestServices;
        ContentItem? item = null;
        var restricted = false;
        if (format is not null && path.Length > 4 && path.Length <= 1028)
        {
            path = path[..^4];
            item = await services.GetRequiredService<IContentManager>().GetPublishedByPathAsync(path, http.RequestAborted);
            restricted = item?.ContentType == ResourceData.TypeName && ResourceData.From(item).Restricted;
            if (restricted && !await LibraryAccess.CanSeeRestrictedAsync(http)) item = null;
        }
        if (item is null)
        {
            await ThemedPage.NotFoundAsync(http);
            return;
        }
        var settings = await services.GetRequiredService<ISiteSettingsService>().GetAsync(http.RequestAborted);
        var home = item.ContentItemId == settings.HomeContentItemId;
        var url = Themes.Public.PageViews.BaseUrl(settings, http.Request) + (home ? "/" : "/" + item.Path);
        byte[] body = format == "png" ? QrCodes.Png(url) : Encoding.UTF8.GetBytes(QrCodes.Svg(url));

        var disposition = new ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName($"ma-qr-{path.Split('/')[^1]}.{format}");
        http.Response.ContentType = format == "png" ? "image/png" : "image/svg+xml";
        http.Response.Headers.ContentDisposition = disposition.ToString();
        http.Response.Headers.CacheControl = restricted ? "private, max-age=3600" : "public, max-age=86400";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        // An SVG opened on its own is a document: it may draw, never run anything.
        if (format == "svg") http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
        http.Response.ContentLength = body.Length;
        if (HttpMethods.IsHead(http.Request.Method)) return;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }
}
