using System.Globalization;

namespace ChildProtection.Campaigns.Reach;

/// <summary>One bar of a chart: its label, its value as a Vietnamese number, and its length in percent of the longest bar.</summary>
public sealed record ChartBar(string Label, long Value, string ValueText, int Percent);

/// <summary>
/// Bar charts drawn on the server: each bar is a tiny SVG whose rectangle's width attribute is the percentage
/// (no inline style, which the site's security policy forbids, and no script), with the label and the number
/// as real text beside it, so a screen reader and a small phone read the same figures as the chart shows.
/// </summary>
public static class ReachChart
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public static IReadOnlyList<ChartBar> Bars(IEnumerable<(string Label, long Value)> values)
    {
        var list = values.ToList();
        var max = list.Count == 0 ? 0 : list.Max(v => v.Value);
        return list.Select(v => new ChartBar(v.Label, v.Value, Number(v.Value),
            max <= 0 || v.Value <= 0 ? 0 : Math.Max(1, (int)Math.Round(100.0 * v.Value / max)))).ToList();
    }

    public static string Number(long value) => value.ToString("N0", Vi);

    /// <summary>The bar as markup: <c>viewBox</c> 0–100 wide, stretched to the column's width by CSS.</summary>
    public static string Svg(int percent) =>
        $"<svg class=\"reach-bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\"><rect class=\"reach-bar-track\" width=\"100\" height=\"10\"></rect><rect class=\"reach-bar-fill\" width=\"{percent.ToString(CultureInfo.InvariantCulture)}\" height=\"10\"></rect></svg>";
}
