using ChildProtection.Core.Contents;
using ChildProtection.Core.Security;
using ChildProtection.Core.Settings;
using ChildProtection.Events.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Events.Pages.Admin.Events;

/// <summary>Every event (drafts too), newest change first, with its registrations, waiting list and questions waiting for moderation.</summary>
public sealed class IndexModel(IContentManager contents, EventsDbContext db, ISiteSettingsService settings, IAuthorizationService authorization) : EventsAdminPage
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int PageNumber { get; set; } = 1;

    public PagedResult<ContentListEntry> Result { get; private set; } = new([], 0, 1, 20);
    public Dictionary<string, EventEntry> Entries { get; private set; } = new();
    public Dictionary<string, (int Confirmed, int People, int Waiting)> Counts { get; private set; } = new();
    public Dictionary<string, int> PendingVoices { get; private set; } = new();
    public SiteTime Time { get; private set; } = new(TimeZoneInfo.Utc);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await authorization.AuthorizeAsync(User, EventsPermissions.ManageRegistrations)) return Denied();
        Time = SiteTime.From(await settings.GetAsync(HttpContext.RequestAborted));
        Result = await contents.ListAsync(new ContentListQuery { ContentType = "Event", Search = Q?.Trim() is { Length: > 0 and <= 200 } q ? q : null, Page = PageNumber, PageSize = 20 }, HttpContext.RequestAborted);
        var ids = Result.Items.Select(i => i.ContentItemId).ToList();
        Entries = await db.Entries.AsNoTracking().Where(e => ids.Contains(e.ContentItemId)).ToDictionaryAsync(e => e.ContentItemId, HttpContext.RequestAborted);
        var counts = await db.Registrations.AsNoTracking().Where(r => ids.Contains(r.EventId) && r.Status != RegistrationStatus.Cancelled)
            .GroupBy(r => new { r.EventId, r.Status })
            .Select(g => new { g.Key.EventId, g.Key.Status, Count = g.Count(), People = g.Sum(r => r.Participants) })
            .ToListAsync(HttpContext.RequestAborted);
        Counts = ids.ToDictionary(id => id, id => (
            counts.Where(c => c.EventId == id && c.Status == RegistrationStatus.Confirmed).Sum(c => c.Count),
            counts.Where(c => c.EventId == id && c.Status == RegistrationStatus.Confirmed).Sum(c => c.People),
            counts.Where(c => c.EventId == id && c.Status == RegistrationStatus.Waiting).Sum(c => c.Count)));
        PendingVoices = (await db.Voices.AsNoTracking().Where(v => ids.Contains(v.EventId) && v.Status == VoiceStatus.Pending)
            .GroupBy(v => v.EventId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(HttpContext.RequestAborted))
            .ToDictionary(x => x.Key, x => x.Count);
        return Page();
    }
}
