using ChildProtection.Events.Parts;
using ChildProtection.Core.Caching;
using Microsoft.Extensions.DependencyInjection;
using ChildProtection.Audit;
using ChildProtection.Core.Security;
using ChildProtection.Core.Settings;
using ChildProtection.Events.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Events.Pages.Admin.Events;

/// <summary>
/// The moderation queue of children's questions and opinions: publish one on the forum's page (with an
/// answer, now or later), or reject it. Nothing a child sends appears before a moderator publishes it.
/// </summary>
public sealed class VoicesModel(EventsDbContext db, ISiteSettingsService settings, IAuthorizationService authorization, IAuditTrail audit,
    TimeProvider clock, IStringLocalizer<EventsText> T) : EventsAdminPage
{
    public const int MaxAnswer = 4000;

    [BindProperty(SupportsGet = true, Name = "trang-thai")] public string? StatusFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "su-kien")] public string? EventFilter { get; set; }

    public VoiceStatus Status { get; private set; }
    public List<ForumVoice> Voices { get; private set; } = [];
    public Dictionary<string, string> EventTitles { get; private set; } = new();
    public Dictionary<VoiceStatus, int> Counts { get; private set; } = new();
    public SiteTime Time { get; private set; } = new(TimeZoneInfo.Utc);
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await authorization.AuthorizeAsync(User, EventsPermissions.ModerateVoices)) return Denied();
        Message = Request.Query["xong"].FirstOrDefault() switch
        {
            "dang" => T["Published on the forum's page."].Value,
            "tu-choi" => T["Rejected; it will not appear on the site."].Value,
            "sua" => T["The answer was saved."].Value,
            _ => null,
        };
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostModerateAsync(long voiceId, string? decision, string? answer, string? text)
    {
        if (!await authorization.AuthorizeAsync(User, EventsPermissions.ModerateVoices)) return Denied();
        var voice = await db.Voices.FirstOrDefaultAsync(v => v.Id == voiceId, HttpContext.RequestAborted);
        if (voice is null) return NotFound();
        var reply = string.IsNullOrWhiteSpace(answer) ? null : answer.Trim().Normalize(System.Text.NormalizationForm.FormC);
        // The moderator may shorten the child's text (a surname, a class, a phone number left in it); never empty it.
        var edited = text is null ? voice.Text : text.Trim().Normalize(System.Text.NormalizationForm.FormC);
        Error = reply is { Length: > MaxAnswer } ? T["The answer has at most {0} characters.", MaxAnswer].Value
            : edited.Length == 0 ? T["The question cannot be empty; reject it instead."].Value
            : edited.Length > ChildProtection.Events.Voices.VoiceDesk.MaxText ? T["The question has at most {0} characters.", ChildProtection.Events.Voices.VoiceDesk.MaxText].Value
            : null;
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync();
            return Page();
        }
        var (status, done, action) = decision switch
        {
            "publish" => (VoiceStatus.Published, "dang", "ForumVoicePublished"),
            "reject" => (VoiceStatus.Rejected, "tu-choi", "ForumVoiceRejected"),
            _ => (voice.Status, "sua", "ForumVoiceAnswered"),
        };
        voice.Status = status;
        voice.Answer = reply;
        voice.Text = edited;
        voice.ModeratedUtc = clock.GetUtcNow().UtcDateTime;
        voice.ModeratedBy = User.Identity?.Name;
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        // Published questions and answers show on the forum's page.
        await HttpContext.RequestServices.GetRequiredService<IPublicPageCache>().EvictAsync([PageCacheTags.Type(EventData.TypeName)], CancellationToken.None);
        await audit.RecordAsync(new AuditEntry(action, User.Identity?.Name)
        {
            SubjectId = voice.EventId, SubjectTitle = await db.Entries.Where(e => e.ContentItemId == voice.EventId).Select(e => e.Title).FirstOrDefaultAsync(HttpContext.RequestAborted),
            Detail = voice.Text.Length > 200 ? voice.Text[..200] + "…" : voice.Text,
        }, HttpContext.RequestAborted);
        var query = $"?xong={done}" + (StatusFilter is null ? "" : $"&trang-thai={Uri.EscapeDataString(StatusFilter)}") + (EventFilter is null ? "" : $"&su-kien={Uri.EscapeDataString(EventFilter)}");
        return Redirect("/admin/events/voices" + query);
    }

    private async Task LoadAsync()
    {
        Time = SiteTime.From(await settings.GetAsync(HttpContext.RequestAborted));
        Status = StatusFilter switch { "da-dang" => VoiceStatus.Published, "tu-choi" => VoiceStatus.Rejected, _ => VoiceStatus.Pending };
        var query = db.Voices.AsNoTracking().Where(v => v.Status == Status);
        if (!string.IsNullOrEmpty(EventFilter)) query = query.Where(v => v.EventId == EventFilter);
        // The queue oldest first (answer in turn); what is done, newest first.
        Voices = await (Status == VoiceStatus.Pending ? query.OrderBy(v => v.Id) : query.OrderByDescending(v => v.Id)).Take(200).ToListAsync(HttpContext.RequestAborted);
        var eventIds = Voices.Select(v => v.EventId).Distinct().ToList();
        EventTitles = await db.Entries.AsNoTracking().Where(e => eventIds.Contains(e.ContentItemId) || e.VoicesEnabled)
            .ToDictionaryAsync(e => e.ContentItemId, e => e.Title, HttpContext.RequestAborted);
        var counts = db.Voices.AsNoTracking();
        if (!string.IsNullOrEmpty(EventFilter)) counts = counts.Where(v => v.EventId == EventFilter);
        Counts = (await counts.GroupBy(v => v.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(HttpContext.RequestAborted))
            .ToDictionary(x => x.Key, x => x.Count);
    }

    public string FilterUrl(string? status) =>
        "/admin/events/voices" + (status is null ? "" : $"?trang-thai={status}") + (EventFilter is null ? "" : $"{(status is null ? "?" : "&")}su-kien={Uri.EscapeDataString(EventFilter)}");
}
