using System.Text.Json.Nodes;

namespace ChildProtection.Media.Content;

/// <summary>
/// What a public template needs to show a file, written into the item beside the editor's choice when it
/// is saved (as Orchard's media field keeps its texts in the item): addresses of the original and each
/// width, <c>srcset</c> values (plain and WebP), the alt text in force, the size for <c>width</c>/<c>height</c>.
/// Addresses never change for a file, so these values stay right; the alt text is the one the item was
/// saved with.
/// </summary>
public static class MediaDisplay
{
    public static JsonObject For(MediaFile file, string? altOverride = null, string? captionOverride = null)
    {
        var o = new JsonObject
        {
            ["Url"] = MediaLibrary.UrlOf(file.Id, file.StoredName, file.Kind, file.ContentType, MediaDerivative.Original),
            ["DownloadUrl"] = MediaLibrary.UrlOf(file.Id, file.StoredName, file.Kind, file.ContentType, MediaDerivative.Original) + "?download=1",
            ["Name"] = file.OriginalName,
            ["ContentType"] = file.ContentType,
            ["Kind"] = file.Kind.ToString(),
            ["Length"] = file.Length,
        };
        if (file.PageCount is { } pages) o["PageCount"] = pages;
        if (file.IsImage)
        {
            o["ThumbnailUrl"] = MediaLibrary.UrlOf(file.Id, file.StoredName, file.Kind, file.ContentType, MediaDerivative.Thumbnail);
            o["CardUrl"] = MediaLibrary.UrlOf(file.Id, file.StoredName, file.Kind, file.ContentType, MediaDerivative.Card);
            o["PageWidthUrl"] = MediaLibrary.UrlOf(file.Id, file.StoredName, file.Kind, file.ContentType, MediaDerivative.PageWidth);
            o["SrcSet"] = MediaLibrary.SrcSetOf(file, webp: false);
            o["WebpSrcSet"] = MediaLibrary.SrcSetOf(file, webp: true);
            o["Width"] = file.Width;
            o["Height"] = file.Height;
            o["Alt"] = string.IsNullOrWhiteSpace(altOverride) ? file.AltText ?? "" : altOverride.Trim();
        }
        var caption = string.IsNullOrWhiteSpace(captionOverride) ? file.Caption : captionOverride.Trim();
        if (!string.IsNullOrEmpty(caption)) o["Caption"] = caption;
        if (!string.IsNullOrEmpty(file.Credit)) o["Credit"] = file.Credit;
        return o;
    }

    /// <summary>The display properties the part and field write (and so accept back from a stored item).</summary>
    public static readonly string[] Properties =
        ["Url", "DownloadUrl", "Name", "ContentType", "Kind", "Length", "PageCount", "ThumbnailUrl", "CardUrl", "PageWidthUrl", "SrcSet", "WebpSrcSet", "Width", "Height", "Alt", "Caption", "Credit"];
}
