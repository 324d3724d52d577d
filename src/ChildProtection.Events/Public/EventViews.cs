using System.Globalization;
using ChildProtection.Core.Settings;
using ChildProtection.Events.Data;
using ChildProtection.Events.Parts;
using ChildProtection.Events.Registration;

namespace ChildProtection.Events.Public;

/// <summary>Events as templates read them: plain dictionaries of text, numbers and flags, times already in the site's zone.</summary>
internal static class EventViews
{
    public static Dictionary<string, object?> Summary(EventEntry e, SiteTime time, DateTime now)
    {
        var start = time.ToLocal(e.StartUtc);
        var end = time.ToLocal(e.EndUtc);
        var inv = CultureInfo.InvariantCulture;
        return new()
        {
            ["Id"] = e.ContentItemId,
            ["Title"] = e.Title,
            ["Url"] = EventRoutes.Event(e.Path),
            ["IcsUrl"] = EventRoutes.EventIcs(e.Path),
            ["Summary"] = e.Summary,
            ["Kind"] = EventVocabulary.KindText(e.Kind),
            ["KindCode"] = e.Kind,
            ["When"] = EventTimes.Describe(e.StartUtc, e.EndUtc, time),
            ["DayName"] = EventTimes.DayName(start),
            ["Date"] = start.ToString("dd/MM/yyyy", inv),
            ["Day"] = start.ToString("dd", inv),
            ["Month"] = "Th" + start.Month.ToString(inv),
            ["Time"] = start.Date == end.Date ? $"{start:HH:mm}–{end:HH:mm}" : $"{start:HH:mm} {start:dd/MM} – {end:HH:mm} {end:dd/MM}",
            ["StartIso"] = new DateTimeOffset(start, time.Zone.GetUtcOffset(e.StartUtc)).ToString("yyyy-MM-ddTHH:mmzzz", inv),
            ["EndIso"] = new DateTimeOffset(end, time.Zone.GetUtcOffset(e.EndUtc)).ToString("yyyy-MM-ddTHH:mmzzz", inv),
            ["Venue"] = e.Venue,
            ["Ward"] = e.WardName,
            ["Cancelled"] = e.Cancelled,
            ["Past"] = e.EndUtc <= now,
            ["RegistrationOpen"] = RegistrationDesk.Refuse(e, now) is null,
            ["TakesRegistrations"] = e.RegistrationEnabled,
            ["Capacity"] = e.Capacity,
            ["SeatsLeft"] = e.SeatsLeft,
            ["Full"] = e.SeatsLeft == 0,
            ["HasReport"] = e.HasReport,
        };
    }

    public static List<object?> Options(IEnumerable<(string Value, string Text)> options, string? selected) =>
        options.Select(o => (object?)new Dictionary<string, object?> { ["Value"] = o.Value, ["Text"] = o.Text, ["Selected"] = o.Value == selected }).ToList();

    public static List<object?> Pages(int page, int pageCount, Func<int, string> url) =>
        Enumerable.Range(1, pageCount).Where(n => n == 1 || n == pageCount || Math.Abs(n - page) <= 2)
            .Select(n => (object?)new Dictionary<string, object?> { ["Number"] = n, ["Url"] = url(n), ["Current"] = n == page }).ToList();
}
