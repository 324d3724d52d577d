using ChildProtection.Media;

namespace ChildProtection.Library.Public;

/// <summary>
/// Cover images for templates: the media library's own immutable addresses and srcset for public
/// resources; for restricted ones the library's cover address, which checks the permission (their files
/// answer 404 at the public media address).
/// </summary>
internal static class CoverViews
{
    public const string ListSizes = "(max-width: 600px) 100vw, 300px";
    public const string DetailSizes = "(max-width: 800px) 100vw, 640px";

    public static Dictionary<string, object?>? Build(IMediaLibrary media, MediaFile? file, string resourcePath, bool restricted, string alt, bool large)
    {
        if (file is null || !file.IsImage) return null;
        string url;
        string srcSet;
        if (restricted)
        {
            var size = !file.DerivativesReady ? "goc" : large ? "lon" : "nho";
            url = LibraryRoutes.Cover(resourcePath, size);
            srcSet = "";
        }
        else
        {
            url = media.GetUrl(file, !file.DerivativesReady ? MediaDerivative.Original : large ? MediaDerivative.PageWidth : MediaDerivative.Card);
            srcSet = file.DerivativesReady ? media.GetSrcSet(file) : "";
        }
        var width = file.Width ?? 0;
        var height = file.Height ?? 0;
        return new Dictionary<string, object?>
        {
            ["Url"] = url,
            ["SrcSet"] = srcSet,
            ["Sizes"] = large ? DetailSizes : ListSizes,
            ["Alt"] = string.IsNullOrWhiteSpace(file.AltText) ? alt : file.AltText,
            // Width and height let the browser keep the space before the image arrives (no jumping text).
            ["Width"] = width > 0 ? (large ? Math.Min(width, 1280) : Math.Min(width, 640)) : (int?)null,
            ["Height"] = width > 0 && height > 0 ? (int)Math.Round((double)height * (large ? Math.Min(width, 1280) : Math.Min(width, 640)) / width) : (int?)null,
        };
    }

    public static MediaDerivative DerivativeFor(string size) => size switch
    {
        "nho" => MediaDerivative.Card,
        "lon" => MediaDerivative.PageWidth,
        _ => MediaDerivative.Original,
    };
}
