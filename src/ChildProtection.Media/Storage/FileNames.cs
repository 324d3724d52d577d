using System.Globalization;
using System.Text;
using ChildProtection.Core.Routing;

namespace ChildProtection.Media;

/// <summary>
/// Uploaded names are data: what a person named the file, kept for display and for the download name.
/// They never become a path. Cleaning keeps letters with diacritics and drops what a file system or a
/// header could misread (path parts, control and format characters, trailing dots).
/// </summary>
public static class FileNames
{
    public const int MaxOriginalLength = 255;

    /// <summary>The last path segment, without control/format characters, trimmed, at most 255 characters (extension kept).</summary>
    public static string CleanOriginal(string? name)
    {
        name ??= "";
        var cut = name.LastIndexOfAny(['/', '\\']);
        if (cut >= 0) name = name[(cut + 1)..];
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
                continue;
            sb.Append(c is '"' or '<' or '>' or '|' or ':' or '*' or '?' ? '_' : c);
        }
        var cleaned = sb.ToString().Trim().TrimEnd('.', ' ').TrimStart('.', ' ');
        if (cleaned.Length > MaxOriginalLength)
        {
            var ext = Path.GetExtension(cleaned);
            if (ext.Length > 10) ext = "";
            cleaned = cleaned[..(MaxOriginalLength - ext.Length)].TrimEnd('.', ' ') + ext;
        }
        return cleaned;
    }

    /// <summary>The extension as typed, lower case, with its dot ("" when none).</summary>
    public static string ExtensionOf(string name)
    {
        var ext = Path.GetExtension(name);
        return ext.Length is > 1 and <= 10 ? ext.ToLowerInvariant() : "";
    }

    /// <summary>Ours: <c>{id}-{slug}{ext}</c>; the slug is ASCII, at most 80 characters, never a reserved device name.</summary>
    public static string StoredName(string id, string originalName, string extension)
    {
        var slug = Slug.From(Path.GetFileNameWithoutExtension(originalName));
        if (slug.Length > 80) slug = slug[..80].TrimEnd('-');
        return slug.Length == 0 ? id + extension : $"{id}-{slug}{extension}";
    }

    /// <summary>The name a download offers: the original name with the extension of what the file really is.</summary>
    public static string DownloadName(string originalName, string extension)
    {
        var stem = Path.GetFileNameWithoutExtension(originalName);
        if (string.IsNullOrWhiteSpace(stem)) stem = "tep";
        return stem + extension;
    }
}
