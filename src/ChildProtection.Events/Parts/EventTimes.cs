using System.Globalization;
using ChildProtection.Core.Settings;

namespace ChildProtection.Events.Parts;

/// <summary>An event's time the Vietnamese way, in the site's zone: "Thứ Bảy, 05/06/2027, 08:00 – 11:00".</summary>
public static class EventTimes
{
    private static readonly string[] DayNames = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];
    /// <summary>Column heads of the month calendar, Monday first.</summary>
    public static readonly string[] ShortDayNames = ["T2", "T3", "T4", "T5", "T6", "T7", "CN"];

    public static string DayName(DateTime local) => DayNames[(int)local.DayOfWeek];

    public static string Describe(DateTime startUtc, DateTime endUtc, SiteTime time)
    {
        var start = time.ToLocal(startUtc);
        var end = time.ToLocal(endUtc);
        var inv = CultureInfo.InvariantCulture;
        return start.Date == end.Date
            ? $"{DayName(start)}, {start.ToString("dd/MM/yyyy", inv)}, {start.ToString("HH:mm", inv)} – {end.ToString("HH:mm", inv)}"
            : $"{DayName(start)}, {start.ToString("dd/MM/yyyy HH:mm", inv)} – {DayName(end)}, {end.ToString("dd/MM/yyyy HH:mm", inv)}";
    }

    public static string MonthName(int month, int year) => $"Tháng {month}/{year}";
}
