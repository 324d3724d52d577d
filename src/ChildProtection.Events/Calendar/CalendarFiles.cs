using ChildProtection.Themes.Public;
using ChildProtection.Core.Contents;
using ChildProtection.Events.Data;
using ChildProtection.Events.Parts;
using ChildProtection.Events.Public;
using ChildProtection.Organisations;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Events.Calendar;

/// <summary>
/// The <c>.ics</c> addresses: one event (<c>/su-kien/{slug}/lich.ics</c>, downloaded as a file) and the
/// subscribable feeds (<c>/su-kien/ical/tat-ca.ics</c>, per ward <c>…/phuong/{code}.ics</c>, per campaign
/// <c>…/chien-dich/{id}.ics</c>), which hold every upcoming event and those of the last 90 days.
/// </summary>
internal static class CalendarFiles
{
    public const int FeedLimit = 500;
    public static readonly TimeSpan FeedHistory = TimeSpan.FromDays(90);

    public static async Task EventAsync(HttpContext http, string path)
    {
        var page = await ThemedPage.BeginAsync(http);
        var item = await EventPage.FindAsync(http, page, path, EventRoutes.IcsSegment);
        if (item is null) return;
        var db = http.RequestServices.GetRequiredService<EventsDbContext>();
        var entry = await db.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.ContentItemId == item.ContentItemId, http.RequestAborted)
            ?? (await http.RequestServices.GetRequiredService<Indexing.EventIndex>().UpsertAsync(item, http.RequestAborted)).Entry;
        var text = EventCalendarWriter.Write([new EventCalendarWriter.Entry(entry, EventData.From(item))], item.DisplayText, page.Settings, page.BaseUrl);
        var slug = path.Split('/')[^1];
        await WriteAsync(http, text, $"attachment; filename=\"{slug}.ics\"");
    }

    public static async Task FeedAsync(HttpContext http, string rest)
    {
        var page = await ThemedPage.BeginAsync(http);
        var segments = rest.Split('/');
        string? ward = null, campaign = null;
        var name = $"{page.Settings.SiteName} – Lịch sự kiện";
        if (segments is ["tat-ca.ics"]) { }
        else if (segments is ["phuong", var w] && w.EndsWith(".ics", StringComparison.Ordinal)
            && http.RequestServices.GetService<IRecipientDirectory>() is { } directory
            && await directory.GetOrganisationByCodeAsync(Uri.UnescapeDataString(w[..^4]), http.RequestAborted) is { Kind: OrganisationKind.Ward or OrganisationKind.Commune } o)
        {
            ward = o.Code;
            name = $"Sự kiện – {o.Name}";
        }
        else if (segments is ["chien-dich", var c] && c.EndsWith(".ics", StringComparison.Ordinal)
            && await http.RequestServices.GetRequiredService<IContentManager>().GetAsync(c[..^4], VersionOptions.Published, http.RequestAborted) is { ContentType: "Campaign" } item)
        {
            campaign = item.ContentItemId;
            name = $"Sự kiện – {item.DisplayText}";
        }
        else
        {
            await page.NotFoundAsync();
            return;
        }
        var db = http.RequestServices.GetRequiredService<EventsDbContext>();
        var since = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime - FeedHistory;
        var rows = await EventQueries.Filter(db.Entries.AsNoTracking().Where(e => e.Listed && e.EndUtc > since), ward, null, campaign)
            .OrderBy(e => e.StartUtc).Take(FeedLimit).ToListAsync(http.RequestAborted);
        var text = EventCalendarWriter.Write(rows.Select(r => new EventCalendarWriter.Entry(r, null)), name, page.Settings, page.BaseUrl);
        await WriteAsync(http, text, "inline");
    }

    private static async Task WriteAsync(HttpContext http, string text, string disposition)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/calendar; charset=utf-8";
        http.Response.Headers.ContentDisposition = disposition;
        http.Response.Headers.CacheControl = "public, max-age=300";
        http.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(http.Request.Method)) await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
    }
}
