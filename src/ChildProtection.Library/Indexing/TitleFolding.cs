using System.Globalization;
using System.Text;

namespace ChildProtection.Library.Indexing;

/// <summary>
/// Vietnamese text folded for title search: NFD, combining marks dropped, đ/Đ → d, lower case, runs of
/// white space collapsed. "Sổ tay phòng chống đuối nước" and "so tay phong chong duoi nuoc" fold alike.
/// </summary>
public static class TitleFolding
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
