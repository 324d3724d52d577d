using System.Text;
using ChildProtection.Core.Settings;
using ChildProtection.Events.Data;
using ChildProtection.Events.Parts;
using ChildProtection.Events.Public;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace ChildProtection.Events.Calendar;

/// <summary>
/// iCalendar (RFC 5545) files of the schedule, written with Ical.Net: one event, or a feed that calendar
/// applications subscribe to. Each event keeps one UID for its whole life, its SEQUENCE goes up with each
/// change a calendar shows, a cancelled event is STATUS:CANCELLED (subscribers see it struck through rather
/// than silently gone), and times carry the site's zone (TZID with its VTIMEZONE), so 08:00 in Hồ Chí Minh
/// City stays 08:00 there whatever zone the phone is set to.
/// </summary>
public static class EventCalendarWriter
{
    public const string UidDomain = "su-kien.baovetreem";
    public const string ProductId = "-//ChildProtection//Lich su kien//VI";

    /// <summary>What the writer needs of one event: the schedule row, and the item's data when it was read (agenda, address).</summary>
    public sealed record Entry(EventEntry Row, EventData? Data);

    public static string Uid(string contentItemId) => $"{contentItemId}@{UidDomain}";

    public static string Write(IEnumerable<Entry> events, string calendarName, SiteSettings site, string baseUrl)
    {
        var list = events.ToList();
        var calendar = new Ical.Net.Calendar { ProductId = ProductId, Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", calendarName);
        calendar.AddProperty("X-PUBLISHED-TTL", "PT1H");
        var zone = ZoneFor(site, list.Count == 0 ? DateTime.UtcNow : list.Min(e => e.Row.StartUtc), calendar);
        var time = SiteTime.From(site);
        foreach (var (row, data) in list)
        {
            var url = baseUrl + EventRoutes.Event(row.Path);
            var e = new CalendarEvent
            {
                Uid = Uid(row.ContentItemId),
                Sequence = row.Sequence,
                Summary = row.Cancelled ? $"[ĐÃ HỦY] {row.Title}" : row.Title,
                DtStart = At(row.StartUtc, zone, time),
                DtEnd = At(row.EndUtc, zone, time),
                DtStamp = new CalDateTime(row.ChangedUtc, CalDateTime.UtcTzId, true),
                LastModified = new CalDateTime(row.ChangedUtc, CalDateTime.UtcTzId, true),
                Status = row.Cancelled ? "CANCELLED" : "CONFIRMED",
                Location = Location(row, data),
                Description = Description(row, data, url),
                Url = new Uri(url),
            };
            e.Categories = new List<string> { EventVocabulary.KindText(row.Kind) };
            calendar.Events.Add(e);
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>The site's zone as a TZID with its VTIMEZONE, or null (times in UTC) when the zone is unknown to the time zone database.</summary>
    private static string? ZoneFor(SiteSettings site, DateTime earliestUtc, Ical.Net.Calendar calendar)
    {
        var id = string.IsNullOrWhiteSpace(site.TimeZone) ? null : site.TimeZone.Trim();
        if (id is null || id is "UTC" or "Etc/UTC") return null;
        try
        {
            calendar.AddTimeZone(VTimeZone.FromDateTimeZone(id, earliestUtc.AddDays(-1), includeHistoricalData: false));
            calendar.AddProperty("X-WR-TIMEZONE", id);
            return id;
        }
        catch (Exception)
        {
            return null;
        }
    }

    private static CalDateTime At(DateTime utc, string? zone, SiteTime time) =>
        zone is null ? new CalDateTime(utc, CalDateTime.UtcTzId, true) : new CalDateTime(time.ToLocal(utc), zone, true);

    private static string? Location(EventEntry row, EventData? data)
    {
        var parts = new[] { row.Venue, data?.Address, row.WardName }.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct().ToList();
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private static string Description(EventEntry row, EventData? data, string url)
    {
        var text = new StringBuilder();
        if (row.Cancelled) text.Append("Sự kiện đã bị hủy.").Append(data?.CancellationReason is { } reason ? $" Lý do: {reason}" : "").Append("\n\n");
        text.Append(EventVocabulary.KindText(row.Kind)).Append('.');
        if (!string.IsNullOrWhiteSpace(row.Summary)) text.Append(' ').Append(row.Summary);
        text.Append('\n');
        if (data?.Organiser is { } organiser) text.Append("Đơn vị tổ chức: ").Append(organiser).Append('\n');
        if (data is { Agenda.Count: > 0 })
        {
            text.Append("\nChương trình:\n");
            foreach (var a in data.Agenda) text.Append(a.Time).Append("  ").Append(a.Item).Append(a.Speaker is null ? "" : $" ({a.Speaker})").Append('\n');
        }
        text.Append("\nChi tiết và đăng ký: ").Append(url);
        return text.ToString();
    }
}
