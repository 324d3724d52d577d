using ChildProtection.Audit;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Security;
using ChildProtection.Core.Settings;
using ChildProtection.Events.Admin;
using ChildProtection.Events.Data;
using ChildProtection.Events.Registration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Events.Pages.Admin.Events;

/// <summary>One event's attendee list and waiting list, its CSV/XLSX export, and cancelling a registration on someone's behalf.</summary>
public sealed class RegistrationsModel(
    IContentManager contents, EventsDbContext db, RegistrationDesk desk, AttendeeExport export, ISiteSettingsService settings,
    IAuthorizationService authorization, IAuditTrail audit, IStringLocalizer<EventsText> T) : EventsAdminPage
{
    public ContentItem? Item { get; private set; }
    public EventEntry? Entry { get; private set; }
    public List<EventRegistration> Registrations { get; private set; } = [];
    public Dictionary<long, EventMail> LastMail { get; private set; } = new();
    public SiteTime Time { get; private set; } = new(TimeZoneInfo.Utc);
    public string? Message { get; private set; }
    public AttendeeExport Export => export;

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!await authorization.AuthorizeAsync(User, EventsPermissions.ManageRegistrations)) return Denied();
        if (!await LoadAsync(id)) return NotFound();
        Message = Request.Query.ContainsKey("da-huy") ? T["The registration was cancelled; the registrant is told by e-mail and those waiting move up."].Value : null;
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(string id, long registrationId)
    {
        if (!await authorization.AuthorizeAsync(User, EventsPermissions.ManageRegistrations)) return Denied();
        if (!await LoadAsync(id)) return NotFound();
        var registration = Registrations.FirstOrDefault(r => r.Id == registrationId);
        if (registration is null) return NotFound();
        var outcome = await desk.CancelAsync(registrationId, User.Identity?.Name ?? "admin", HttpContext.RequestAborted);
        if (outcome == CancelOutcome.Cancelled)
            await audit.RecordAsync(new AuditEntry("EventRegistrationCancelled", User.Identity?.Name)
            {
                SubjectId = id, SubjectTitle = Item!.DisplayText,
                Detail = $"{registration.Organisation} ({registration.Participants})",
            }, HttpContext.RequestAborted);
        return Redirect($"/admin/events/{id}/registrations?da-huy=1");
    }

    public Task<IActionResult> OnGetCsvAsync(string id) => ExportAsync(id, xlsx: false);

    public Task<IActionResult> OnGetXlsxAsync(string id) => ExportAsync(id, xlsx: true);

    private async Task<IActionResult> ExportAsync(string id, bool xlsx)
    {
        if (!await authorization.AuthorizeAsync(User, EventsPermissions.ManageRegistrations)) return Denied();
        if (!await LoadAsync(id)) return NotFound();
        var rows = await export.RowsAsync(id, Time, HttpContext.RequestAborted);
        // Personal data leaves the site: who took it, and when, goes into the audit trail.
        await audit.RecordAsync(new AuditEntry("EventAttendeesExported", User.Identity?.Name)
        {
            SubjectId = id, SubjectTitle = Item!.DisplayText, Detail = xlsx ? "XLSX" : "CSV",
        }, HttpContext.RequestAborted);
        var name = $"dang-ky-{(Item!.Path ?? id).Split('/')[^1]}";
        return xlsx
            ? File(AttendeeExport.Xlsx(rows, "Đăng ký"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx")
            : File(AttendeeExport.Csv(rows), "text/csv; charset=utf-8", name + ".csv");
    }

    private async Task<bool> LoadAsync(string id)
    {
        if (id.Length > 26) return false;
        Item = await contents.GetAsync(id, VersionOptions.Latest, HttpContext.RequestAborted);
        if (Item is null || Item.ContentType != "Event") return false;
        Time = SiteTime.From(await settings.GetAsync(HttpContext.RequestAborted));
        Entry = await db.Entries.AsNoTracking().FirstOrDefaultAsync(e => e.ContentItemId == id, HttpContext.RequestAborted);
        Registrations = await db.Registrations.AsNoTracking().Where(r => r.EventId == id)
            .OrderBy(r => r.Status).ThenBy(r => r.CreatedUtc).ThenBy(r => r.Id).ToListAsync(HttpContext.RequestAborted);
        var ids = Registrations.Select(r => r.Id).ToList();
        LastMail = (await db.Mails.AsNoTracking().Where(m => ids.Contains(m.RegistrationId)).ToListAsync(HttpContext.RequestAborted))
            .GroupBy(m => m.RegistrationId).ToDictionary(g => g.Key, g => g.OrderBy(m => m.Id).Last());
        return true;
    }

    public string MailText(EventMail? mail) => mail is null ? "—" : mail.Status switch
    {
        EventMailStatus.Sent => T["Sent {0}", Time.Format(mail.SentUtc)],
        EventMailStatus.Failed => T["Not sent: {0}", mail.LastError ?? ""],
        _ => mail.Attempts > 0 ? T["Retrying ({0})", mail.LastError ?? ""] : T["Waiting to be sent"],
    };
}
