using System.Globalization;
using System.Text;

namespace ChildProtection.Core.Routing;

/// <summary>
/// URL slugs from Vietnamese text: diacritics removed, đ → d, lower case, words joined by hyphens.
/// "Phòng chống đuối nước" → "phong-chong-duoi-nuoc".
/// </summary>
public static class Slug
{
    public const int MaxLength = 120;

    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(c switch { 'đ' => 'd', 'Đ' => 'D', _ => c });
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }

    public static string From(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var folded = Fold(text).ToLowerInvariant();
        var sb = new StringBuilder(folded.Length);
        var dash = false;
        foreach (var c in folded)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                sb.Append(c);
                dash = false;
            }
            else if (!dash && sb.Length > 0)
            {
                sb.Append('-');
                dash = true;
            }
        }
        var slug = sb.ToString().Trim('-');
        if (slug.Length > MaxLength)
        {
            slug = slug[..MaxLength];
            var cut = slug.LastIndexOf('-');
            if (cut > MaxLength / 2) slug = slug[..cut];
        }
        return slug;
    }

    /// <summary>A path is slugs separated by '/': lower-case ASCII letters, digits and single hyphens.</summary>
    public static bool IsValidPath(string path) =>
        path.Length is > 0 and <= 1024 && path.Split('/').All(IsValidSegment);

    private static bool IsValidSegment(string s) =>
        s.Length > 0 && s[0] != '-' && s[^1] != '-' && !s.Contains("--") && s.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-');
}
