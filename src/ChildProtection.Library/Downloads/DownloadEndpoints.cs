using ChildProtection.Themes.Public;
using ChildProtection.Library.Public;
using ChildProtection.Media;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Library.Downloads;

/// <summary>
/// <c>/thu-vien/{slug}/tai-ve/{variant}</c> sends one file of a resource and counts it;
/// <c>/thu-vien/{slug}/anh-bia/{size}</c> sends a restricted resource's cover to those allowed to see it.
/// </summary>
internal static class DownloadEndpoints
{
    public static async Task DownloadAsync(HttpContext http, string slug, string variantKey)
    {
        var (_, found, _) = await ResourceLookup.FindAsync(http, slug);
        var variant = found?.Data.Files.FirstOrDefault(f => string.Equals(f.Key, variantKey, StringComparison.Ordinal));
        var content = variant is null ? null
            : await http.RequestServices.GetRequiredService<IMediaLibrary>().OpenAsync(variant.MediaId, MediaDerivative.Original, http.RequestAborted);
        if (found is null || content is null)
        {
            await ThemedPage.NotFoundAsync(http);
            return;
        }
        // The address names a variant, not a file version: revalidate every time (a 304 costs nothing)
        // so a replaced file is never served stale and every real download is seen.
        http.Response.Headers.CacheControl = found.Data.Restricted ? "private, no-store" : "no-cache";
        await MediaResponses.SendAsync(http, content, asAttachment: true);
        if (MediaResponses.IsNewDownload(http))
            http.RequestServices.GetRequiredService<DownloadCounter>().Record(found.Item.ContentItemId, LibraryAccess.OrganisationOf(http.User), DateTime.UtcNow);
    }

    public static async Task CoverAsync(HttpContext http, string slug, string size)
    {
        var (_, found, _) = await ResourceLookup.FindAsync(http, slug);
        var media = http.RequestServices.GetRequiredService<IMediaLibrary>();
        MediaContent? content = null;
        if (found is not null && size is "nho" or "lon" or "goc")
        {
            var data = found.Data;
            var files = await media.GetManyAsync(data.MediaIds, http.RequestAborted);
            var cover = data.CoverMediaId is { } c && files.TryGetValue(c, out var cf) && cf.IsImage ? cf
                : data.Files.Select(f => files.GetValueOrDefault(f.MediaId)).FirstOrDefault(f => f is { IsImage: true });
            if (cover is not null)
                content = await media.OpenAsync(cover.Id, CoverViews.DerivativeFor(size), http.RequestAborted)
                          ?? await media.OpenAsync(cover.Id, MediaDerivative.Original, http.RequestAborted);
        }
        if (found is null || content is null)
        {
            await ThemedPage.NotFoundAsync(http);
            return;
        }
        http.Response.Headers.CacheControl = found.Data.Restricted ? "private, max-age=3600" : "public, max-age=3600";
        await MediaResponses.SendAsync(http, content, asAttachment: false);
    }
}
