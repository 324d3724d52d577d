using System.Globalization;
using System.Text.RegularExpressions;

namespace ChildProtection.Notices.Replies;

/// <summary>
/// Reading and writing the values of a reply the way Vietnamese offices type them: numbers with a comma
/// for decimals and dots between thousands ("1.250", "12,5"), dates as dd/MM/yyyy (or yyyy-MM-dd from a
/// date picker).
/// </summary>
public static partial class ReplyValues
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    // "1.250" or "1.250,5": dots group thousands, as in Vietnamese.
    [GeneratedRegex(@"^-?\d{1,3}(\.\d{3})+(,\d+)?$")]
    private static partial Regex GroupedNumber();

    // "1250", "12,5" or "12.5": at most one decimal mark, either one.
    [GeneratedRegex(@"^-?\d+([.,]\d+)?$")]
    private static partial Regex PlainNumber();

    public static bool TryParseNumber(string? raw, out decimal value)
    {
        value = 0;
        var s = (raw ?? "").Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal);
        if (s.Length is 0 or > 30) return false;
        if (GroupedNumber().IsMatch(s)) s = s.Replace(".", "", StringComparison.Ordinal).Replace(',', '.');
        else if (PlainNumber().IsMatch(s)) s = s.Replace(',', '.');
        else return false;
        return decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
            && Math.Abs(value) < 100_000_000_000_000m;
    }

    public static bool TryParseDate(string? raw, out DateOnly value) =>
        DateOnly.TryParseExact((raw ?? "").Trim(), ["yyyy-MM-dd", "d/M/yyyy", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    /// <summary>"1.250" or "12,5": what the office reads on the pages.</summary>
    public static string FormatNumber(decimal value) => value.ToString("#,##0.####", Vietnamese);

    public static string FormatDate(DateOnly value) => value.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
