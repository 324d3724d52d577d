using System.Globalization;
using System.Text;

namespace ChildProtection.Core.Text;

/// <summary>
/// Vietnamese text folded for search and matching, one rule for every module (directory names, library
/// titles, later the search index): NFD, combining marks dropped, đ/Đ → d, lower case, runs of white space
/// and control characters collapsed to one space, NFC out. "Trường Tiểu học Phú Lợi" and
/// "truong tieu hoc phu loi" fold alike.
/// </summary>
public static class VietnameseFolding
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = true;
                continue;
            }
            if (space && sb.Length > 0) sb.Append(' ');
            space = false;
            sb.Append(c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c));
        }
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }
}
