using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ChildProtection.Events.Public;

/// <summary>
/// The schedule's filters from the query string (<c>phuong</c>, <c>loai</c>, <c>chien-dich</c>, <c>trang</c>,
/// <c>thang</c>). A value that names nothing known is ignored, never an error, so an old or mistyped link
/// still shows the schedule.
/// </summary>
internal sealed record ScheduleFilters(string? Ward, string? Kind, string? Campaign, int Page, DateOnly? Month)
{
    public bool Any => Ward is not null || Kind is not null || Campaign is not null;

    public static ScheduleFilters Parse(IQueryCollection query, ISet<string> wards, ISet<string> campaigns)
    {
        string? Known(string key, Func<string, bool> known) =>
            query[key].FirstOrDefault()?.Trim() is { Length: > 0 and <= 64 } v && known(v) ? v : null;
        var page = int.TryParse(query["trang"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is >= 1 and <= 10_000 ? p : 1;
        DateOnly? month = DateOnly.TryParseExact(query["thang"].FirstOrDefault() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m)
            && m.Year is >= 2000 and <= 2100 ? m : null;
        return new ScheduleFilters(Known("phuong", wards.Contains), Known("loai", Parts.EventVocabulary.IsKind), Known("chien-dich", campaigns.Contains), page, month);
    }

    public string Url(string basePath, int? page = null, DateOnly? month = null)
    {
        var parts = new List<string>();
        if (Ward is not null) parts.Add("phuong=" + Uri.EscapeDataString(Ward));
        if (Kind is not null) parts.Add("loai=" + Uri.EscapeDataString(Kind));
        if (Campaign is not null) parts.Add("chien-dich=" + Uri.EscapeDataString(Campaign));
        if (month is { } mo) parts.Add("thang=" + mo.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        if (page is > 1) parts.Add("trang=" + page.Value.ToString(CultureInfo.InvariantCulture));
        return parts.Count == 0 ? basePath : basePath + "?" + string.Join("&", parts);
    }
}
