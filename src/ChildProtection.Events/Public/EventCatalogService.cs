using ChildProtection.Events.Data;
using ChildProtection.Events.Parts;
using ChildProtection.Events.Registration;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Events.Public;

/// <summary>The contract other modules list events through (a campaign's page, the home page), read from the schedule index.</summary>
internal sealed class EventCatalogService(EventsDbContext db, TimeProvider clock) : IEventCatalog
{
    public async Task<IReadOnlyList<EventSummary>> UpcomingAsync(EventQuery query, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await EventQueries.Upcoming(db, now, query.WardCode, null, query.CampaignId)
            .Take(Math.Clamp(query.Count, 1, 100)).ToListAsync(cancellationToken);
        return rows.Select(e => Summary(e, now)).ToList();
    }

    public async Task<IReadOnlyList<EventSummary>> PastAsync(EventQuery query, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await EventQueries.Past(db, now, query.WardCode, null, query.CampaignId)
            .Take(Math.Clamp(query.Count, 1, 100)).ToListAsync(cancellationToken);
        return rows.Select(e => Summary(e, now)).ToList();
    }

    internal static EventSummary Summary(EventEntry e, DateTime now) => new(
        e.ContentItemId, e.Title, EventRoutes.Event(e.Path), e.StartUtc, e.EndUtc, e.Kind, EventVocabulary.KindText(e.Kind),
        e.WardName, e.Venue, e.Cancelled, RegistrationDesk.Refuse(e, now) is null,
        e.RegistrationEnabled ? e.SeatsLeft : null)
    {
        HasReport = e.HasReport,
    };
}

/// <summary>The schedule's queries, shared by the pages, the feeds and the catalog.</summary>
internal static class EventQueries
{
    /// <summary>Listed events that have not ended, soonest first.</summary>
    public static IQueryable<EventEntry> Upcoming(EventsDbContext db, DateTime now, string? ward, string? kind, string? campaign) =>
        Filter(db.Entries.AsNoTracking().Where(e => e.Listed && e.EndUtc > now), ward, kind, campaign)
            .OrderBy(e => e.StartUtc).ThenBy(e => e.ContentItemId);

    /// <summary>Listed events that have ended, latest first.</summary>
    public static IQueryable<EventEntry> Past(EventsDbContext db, DateTime now, string? ward, string? kind, string? campaign) =>
        Filter(db.Entries.AsNoTracking().Where(e => e.Listed && e.EndUtc <= now), ward, kind, campaign)
            .OrderByDescending(e => e.StartUtc).ThenBy(e => e.ContentItemId);

    public static IQueryable<EventEntry> Filter(IQueryable<EventEntry> query, string? ward, string? kind, string? campaign)
    {
        if (!string.IsNullOrEmpty(ward)) query = query.Where(e => e.WardCode == ward);
        if (!string.IsNullOrEmpty(kind)) query = query.Where(e => e.Kind == kind);
        if (!string.IsNullOrEmpty(campaign))
        {
            var code = "%|" + campaign + "|%";
            query = query.Where(e => EF.Functions.Like(e.Campaigns, code));
        }
        return query;
    }
}
