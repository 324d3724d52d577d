using System.Globalization;
using System.Text;
using ChildProtection.Core.Routing;

namespace ChildProtection.Media;

/// <summary>
/// Uploaded names are data: what a person named the file, kept for display and for the download name.
/// They never become a path. Cleaning keeps letters with diacritics and drops what a file system or a
/// header could misread (control and format characters, trailing dots); a slash is text, not a path.
/// </summary>
public static class FileNames
{
    public const int MaxOriginalLength = 255;

    /// <summary>
    /// The whole name as text: a <c>/</c> or <c>\\</c> becomes <c>-</c> (<c>Thông báo số 12/2024.png</c> stays one
    /// name, it is not a path), control, format and unassigned characters go (a right-to-left override could
    /// disguise the extension), emoji and every other letter or symbol stay. Trimmed, at most 255 characters
    /// (extension kept, never half an emoji).
    /// </summary>
    public static string CleanOriginal(string? name)
    {
        name ??= "";
        var sb = new StringBuilder(name.Length);
        // By rune, not by char: an emoji is two chars (a surrogate pair) and must be kept whole.
        foreach (var rune in name.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            if (rune.Value is '/' or '\\') { sb.Append('-'); continue; }
            // Zero-width joiners hold emoji sequences together (👨‍👩‍👧); no other format character is kept.
            if (rune.Value is 0x200D or 0x200C) { sb.Append(rune.ToString()); continue; }
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
                continue;
            if (rune.Value == 0xFFFD) continue;
            if (rune.IsBmp && (char)rune.Value is '"' or '<' or '>' or '|' or ':' or '*' or '?') sb.Append('_');
            else sb.Append(rune.ToString());
        }
        var cleaned = sb.ToString().Trim().TrimEnd('.', ' ').TrimStart('.', ' ');
        if (cleaned.Length > MaxOriginalLength)
        {
            var ext = Path.GetExtension(cleaned);
            if (ext.Length > 10) ext = "";
            var keep = MaxOriginalLength - ext.Length;
            if (char.IsHighSurrogate(cleaned[keep - 1])) keep--;
            cleaned = cleaned[..keep].TrimEnd('.', ' ') + ext;
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
