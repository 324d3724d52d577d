using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using ChildProtection.Media;

namespace ChildProtection.Articles.Public;

/// <summary>
/// Gives the media-library images inside an article's body a <c>srcset</c> over their width derivatives
/// and a <c>sizes</c> for the article column, when the page is rendered. Done at render and not at save:
/// the stored body stays what the editor wrote and the server's sanitiser let through, derivatives made
/// later by the background job are used as soon as they exist, and the attributes added here are built
/// only from the library's own addresses (the sanitiser never sees them, so it cannot drop them).
/// </summary>
internal static partial class InlineImages
{
    /// <summary>The article column: 42rem from 48rem wide screens, the whole width below (as the featured image).</summary>
    public const string Sizes = "(min-width: 48rem) 42rem, 100vw";

    [GeneratedRegex("^/media/([A-Za-z0-9]{1,100})/", RegexOptions.CultureInvariant)]
    private static partial Regex MediaAddress();

    /// <summary>The body with srcset, sizes, width and height on its library images; the same string when it has none.</summary>
    public static async Task<string> AddSrcSetAsync(string html, IMediaLibrary library, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(html) || !html.Contains("/media/", StringComparison.Ordinal)) return html;
        var document = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
        var images = document.Body!.QuerySelectorAll("img[src]")
            .Select(img => (img, match: MediaAddress().Match(img.GetAttribute("src") ?? "")))
            .Where(x => x.match.Success && !x.img.HasAttribute("srcset"))
            .ToList();
        if (images.Count == 0) return html;
        var files = await library.GetManyAsync(images.Select(x => x.match.Groups[1].Value).Distinct(), cancellationToken);
        var changed = false;
        foreach (var (img, match) in images)
        {
            if (!files.TryGetValue(match.Groups[1].Value, out var file) || !file.IsImage || file.Restricted || !file.DerivativesReady) continue;
            var srcset = library.GetSrcSet(file);
            if (srcset.Length == 0) continue;
            img.SetAttribute("srcset", srcset);
            img.SetAttribute("sizes", Sizes);
            // The intrinsic size keeps the text from jumping while the image loads (CSS scales it down).
            if (file.Width is { } w && file.Height is { } h && !img.HasAttribute("width") && !img.HasAttribute("height"))
            {
                img.SetAttribute("width", w.ToString(System.Globalization.CultureInfo.InvariantCulture));
                img.SetAttribute("height", h.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            if (!img.HasAttribute("loading")) img.SetAttribute("loading", "lazy");
            changed = true;
        }
        return changed ? document.Body.InnerHtml : html;
    }
}
