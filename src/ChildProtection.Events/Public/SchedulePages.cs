using ChildProtection.Themes.Public;
using System.Globalization;
using ChildProtection.Core.Contents;
using ChildProtection.Events.Data;
using ChildProtection.Events.Parts;
using ChildProtection.Themes.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Events.Public;

/// <summary>
/// The public schedule: upcoming events (<c>/su-kien</c>), the month calendar (<c>/su-kien/lich-thang</c>) and
/// past events with their reports (<c>/su-kien/da-dien-ra</c>), each filtered by ward, kind and campaign,
/// rendered by the theme's <c>Events</c> and <c>EventsCalendar</c> templates. No script: filters are a GET form.
/// </summary>
internal static class SchedulePages
{
    public const string ListTemplate = "Events";
    public const string CalendarTemplate = "EventsCalendar";
    public const int PageSize = 20;

    private sealed record Choices(List<(string Code, string Name)> Wards, List<(string Id, string Title, string? Path)> Campaigns);

    private static async Task<Choices> ChoicesAsync(HttpContext http)
    {
        var db = http.RequestServices.GetRequiredService<EventsDbContext>();
        // Only wards that have events: a filter that can only ever show nothing is no help.
        var wards = await db.Entries.AsNoTracking().Where(e => e.Listed && e.WardCode != null)
            .Select(e => new { e.WardCode, e.WardName }).Distinct().ToListAsync(http.RequestAborted);
        var campaigns = await http.RequestServices.GetRequiredService<IContentManager>().ListPublishedAsync("Campaign", 1, 100, http.RequestAborted);
        return new Choices(
            wards.GroupBy(w => w.WardCode!).Select(g => (g.Key, g.First().WardName ?? g.Key)).OrderBy(w => w.Item2, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), true)).ToList(),
            campaigns.Items.Select(c => (c.ContentItemId, c.DisplayText, c.Path)).ToList());
    }

    private static Dictionary<string, object?> FilterValues(ScheduleFilters filters, Choices choices, string basePath) => new()
    {
        ["Wards"] = EventViews.Options(choices.Wards.Select(w => (w.Code, w.Name)), filters.Ward),
        ["Kinds"] = EventViews.Options(EventVocabulary.Kinds, filters.Kind),
        ["Campaigns"] = EventViews.Options(choices.Campaigns.Select(c => (c.Id, c.Title)), filters.Campaign),
        ["HasFilters"] = filters.Any,
        ["ClearUrl"] = basePath,
        ["FormAction"] = basePath,
        ["UpcomingUrl"] = filters.Url(EventRoutes.List),
        ["CalendarUrl"] = filters.Url(EventRoutes.Calendar),
        ["PastUrl"] = filters.Url(EventRoutes.Past),
        ["FeedUrl"] = filters.Ward is { } w ? EventRoutes.WardFeed(w) : filters.Campaign is { } c ? EventRoutes.CampaignFeed(c) : EventRoutes.AllFeed,
        ["FeedName"] = filters.Ward is { } w2 ? choices.Wards.First(x => x.Code == w2).Name
            : filters.Campaign is { } c2 ? choices.Campaigns.First(x => x.Id == c2).Title : null,
        ["Campaign"] = filters.Campaign is { } c3 && choices.Campaigns.First(x => x.Id == c3) is var campaign
            ? new Dictionary<string, object?> { ["Title"] = campaign.Title, ["Url"] = campaign.Path is null ? null : "/" + campaign.Path } : null,
    };

    public static Task UpcomingAsync(HttpContext http) => ListAsync(http, past: false);

    public static Task PastAsync(HttpContext http) => ListAsync(http, past: true);

    private static async Task ListAsync(HttpContext http, bool past)
    {
        var page = await ThemedPage.BeginAsync(http);
        var choices = await ChoicesAsync(http);
        var filters = ScheduleFilters.Parse(http.Request.Query, choices.Wards.Select(w => w.Code).ToHashSet(), choices.Campaigns.Select(c => c.Id).ToHashSet());
        var db = http.RequestServices.GetRequiredService<EventsDbContext>();
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var query = past ? EventQueries.Past(db, now, filters.Ward, filters.Kind, filters.Campaign) : EventQueries.Upcoming(db, now, filters.Ward, filters.Kind, filters.Campaign);
        var total = await query.CountAsync(http.RequestAborted);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var number = Math.Min(filters.Page, pageCount);
        var rows = await query.Skip((number - 1) * PageSize).Take(PageSize).ToListAsync(http.RequestAborted);
        var events = new List<object?>(rows.Count);
        var contents = http.RequestServices.GetRequiredService<IContentManager>();
        foreach (var row in rows)
        {
            var view = EventViews.Summary(row, page.Time, now);
            if (past && row.HasReport && await contents.GetAsync(row.ContentItemId, VersionOptions.Published, http.RequestAborted) is { } item)
            {
                var data = EventData.From(item);
                view["Report"] = data.Report;
                view["Photo"] = EventPage.Photos(item).FirstOrDefault();
            }
            events.Add(view);
        }
        var basePath = past ? EventRoutes.Past : EventRoutes.List;
        var values = FilterValues(filters, choices, basePath);
        values["Events"] = events;
        values["Total"] = total;
        values["Past"] = past;
        values["Page"] = number;
        values["PageCount"] = pageCount;
        values["Pages"] = pageCount > 1 ? EventViews.Pages(number, pageCount, n => filters.Url(basePath, n)) : new List<object?>();
        values["PreviousUrl"] = number > 1 ? filters.Url(basePath, number - 1) : null;
        values["NextUrl"] = number < pageCount ? filters.Url(basePath, number + 1) : null;
        var title = past ? "Sự kiện đã diễn ra" : "Lịch sự kiện";
        var view2 = new PageView
        {
            Title = number > 1 ? $"{title} – trang {number}" : title,
            MetaDescription = "Diễn đàn, tập huấn, hội thi và sinh hoạt chủ đề về bảo vệ trẻ em của thành phố và các phường, xã: thời gian, địa điểm, đăng ký.",
            Canonical = page.BaseUrl + filters.Url(basePath, number),
            NoIndex = filters.Any,
            Path = EventRoutes.List,
        };
        await page.WriteAsync(ListTemplate, values, view2, $"<h1>{title}</h1>");
    }

    public static async Task CalendarAsync(HttpContext http)
    {
        var page = await ThemedPage.BeginAsync(http);
        var choices = await ChoicesAsync(http);
        var filters = ScheduleFilters.Parse(http.Request.Query, choices.Wards.Select(w => w.Code).ToHashSet(), choices.Campaigns.Select(c => c.Id).ToHashSet());
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(page.Time.ToLocal(now));
        var month = filters.Month ?? new DateOnly(today.Year, today.Month, 1);
        var first = month.ToDateTime(TimeOnly.MinValue);
        var fromUtc = page.Time.ToUtc(first);
        var toUtc = page.Time.ToUtc(first.AddMonths(1));
        var db = http.RequestServices.GetRequiredService<EventsDbContext>();
        var rows = await EventQueries.Filter(db.Entries.AsNoTracking().Where(e => e.Listed && e.StartUtc < toUtc && e.EndUtc > fromUtc), filters.Ward, filters.Kind, filters.Campaign)
            .OrderBy(e => e.StartUtc).Take(500).ToListAsync(http.RequestAborted);

        // Monday-first weeks covering the month; an event is shown on every day it spans within the grid.
        var gridStart = month.AddDays(-(((int)month.DayOfWeek + 6) % 7));
        var last = month.AddMonths(1).AddDays(-1);
        var gridEnd = last.AddDays(6 - (((int)last.DayOfWeek + 6) % 7));
        var byDay = new Dictionary<DateOnly, List<object?>>();
        foreach (var row in rows)
        {
            var startDay = DateOnly.FromDateTime(page.Time.ToLocal(row.StartUtc));
            var endDay = DateOnly.FromDateTime(page.Time.ToLocal(row.EndUtc.AddTicks(-1)));
            var view = EventViews.Summary(row, page.Time, now);
            for (var d = startDay < gridStart ? gridStart : startDay; d <= endDay && d <= gridEnd; d = d.AddDays(1))
                (byDay.TryGetValue(d, out var list) ? list : byDay[d] = []).Add(view);
        }
        var weeks = new List<object?>();
        for (var weekStart = gridStart; weekStart <= gridEnd; weekStart = weekStart.AddDays(7))
        {
            var days = new List<object?>();
            for (var i = 0; i < 7; i++)
            {
                var d = weekStart.AddDays(i);
                var events = byDay.GetValueOrDefault(d) ?? [];
                days.Add(new Dictionary<string, object?>
                {
                    ["Number"] = d.Day,
                    ["Date"] = d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                    ["Label"] = $"{EventTimes.DayName(d.ToDateTime(TimeOnly.MinValue))}, {d:dd/MM/yyyy}",
                    ["InMonth"] = d.Month == month.Month,
                    ["Today"] = d == today,
                    ["Events"] = events,
                    ["HasEvents"] = events.Count > 0,
                });
            }
            weeks.Add(new Dictionary<string, object?> { ["Days"] = days });
        }
        var values = FilterValues(filters, choices, EventRoutes.Calendar);
        values["MonthName"] = EventTimes.MonthName(month.Month, month.Year);
        values["MonthValue"] = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        values["DayNames"] = EventTimes.ShortDayNames.Select(n => (object?)n).ToList();
        values["Weeks"] = weeks;
        values["Total"] = rows.Count;
        values["PreviousUrl"] = month.Year > 2000 || month.Month > 1 ? filters.Url(EventRoutes.Calendar, month: month.AddMonths(-1)) : null;
        values["NextUrl"] = month.Year < 2100 || month.Month < 12 ? filters.Url(EventRoutes.Calendar, month: month.AddMonths(1)) : null;
        values["PreviousName"] = EventTimes.MonthName(month.AddMonths(-1).Month, month.AddMonths(-1).Year);
        values["NextName"] = EventTimes.MonthName(month.AddMonths(1).Month, month.AddMonths(1).Year);
        values["ThisMonthUrl"] = filters.Url(EventRoutes.Calendar);
        var view2 = new PageView
        {
            Title = $"Lịch sự kiện {EventTimes.MonthName(month.Month, month.Year).ToLowerInvariant()}",
            MetaDescription = "Lịch các diễn đàn, tập huấn, hội thi về bảo vệ trẻ em theo tháng.",
            Canonical = page.BaseUrl + filters.Url(EventRoutes.Calendar, month: month),
            NoIndex = filters.Any,
            Path = EventRoutes.List,
        };
        await page.WriteAsync(CalendarTemplate, values, view2, "<h1>Lịch sự kiện</h1>");
    }
}
