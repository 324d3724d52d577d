using System.Globalization;
using ChildProtection.Core.Settings;
using ChildProtection.Notices.Authoring;
using ChildProtection.Notices.Data;
using ChildProtection.Notices.Replies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Notices.Pages.Admin.Notices;

/// <summary>
/// The reply a notice asks for: its fields (number, short text, choice, date, file; label, required,
/// order) and the reply deadline (the notice's response deadline). Editable while the notice is a draft,
/// shown read-only once it is on its way: every school answers the same questions.
/// </summary>
public sealed class ReplyFieldsModel(NoticesDbContext db, ISiteSettingsService site, TimeProvider clock, IStringLocalizer<NoticesText> T) : NoticesPageModel
{
    [BindProperty] public List<ReplyFieldInput> Fields { get; set; } = [];
    [BindProperty] public string? Deadline { get; set; }
    [BindProperty] public string? Version { get; set; }

    public Notice Notice { get; private set; } = null!;
    public List<NoticeReplyField> Saved { get; private set; } = [];
    public SiteTime Time { get; private set; } = null!;
    public Dictionary<string, string> Errors { get; } = [];
    public string? ErrorFor(string key) => Errors.GetValueOrDefault(key);

    public static readonly ReplyFieldKind[] Kinds = Enum.GetValues<ReplyFieldKind>();

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Fields = Saved.Select(ReplyFieldInput.From).Append(new ReplyFieldInput { Kind = nameof(ReplyFieldKind.Number) }).ToList();
        Deadline = Notice.ResponseDeadlineUtc is { } d ? Time.ToLocal(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
        Version = Notice.Version.ToString();
        return Page();
    }

    /// <summary>"Add a field": one more blank row, nothing saved yet (works without script).</summary>
    public async Task<IActionResult> OnPostAddAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        Fields.Add(new ReplyFieldInput { Kind = nameof(ReplyFieldKind.Number) });
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id)
    {
        var ct = HttpContext.RequestAborted;
        if (!await LoadAsync(id)) return NotFound();
        if (!Notice.IsEditable)
        {
            TempData["Error"] = T["The reply form cannot change once the notice is sent."].Value;
            return Redirect($"/admin/notices/{id}/reply-fields");
        }
        if (!Guid.TryParse(Version, out var posted) || posted != Notice.Version)
            Errors["Version"] = T["Someone else changed this notice while you were editing it. Open it again to see their changes; yours were not saved."];
        var (keep, errors) = ReplyFieldsCheck.Check(Fields, Saved.Select(f => f.Id).ToHashSet());
        foreach (var (key, message) in errors) Errors[key] = T[message];
        var now = clock.GetUtcNow().UtcDateTime;
        DateTime? deadlineUtc = null;
        if (!string.IsNullOrWhiteSpace(Deadline))
        {
            if (!DateOnly.TryParseExact(Deadline.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                Errors[nameof(Deadline)] = T["The response deadline is not a valid date."];
            else
            {
                deadlineUtc = Time.ToUtc(day.ToDateTime(new TimeOnly(23, 59, 59)));
                if (deadlineUtc < now && deadlineUtc != Notice.ResponseDeadlineUtc) Errors[nameof(Deadline)] = T["The response deadline has already passed."];
            }
        }
        if (keep.Count > 0 && deadlineUtc is null && !Errors.ContainsKey(nameof(Deadline)))
            Errors[nameof(Deadline)] = T["A notice that asks for a reply needs a reply deadline."];
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var tracked = await db.NoticeReplyFields.Where(f => f.NoticeId == id).ToListAsync(ct);
        db.NoticeReplyFields.RemoveRange(tracked.Where(t => keep.All(k => k.Id != t.Id)));
        foreach (var field in keep)
        {
            if (tracked.FirstOrDefault(t => t.Id == field.Id) is { } existing)
            {
                existing.Label = field.Label; existing.Kind = field.Kind; existing.Required = field.Required; existing.Position = field.Position; existing.Options = field.Options;
            }
            else db.NoticeReplyFields.Add(new NoticeReplyField { NoticeId = id, Label = field.Label, Kind = field.Kind, Required = field.Required, Position = field.Position, Options = field.Options });
        }
        var notice = await db.Notices.FirstAsync(n => n.Id == id, ct);
        notice.ResponseDeadlineUtc = deadlineUtc;
        // A changed draft must be approved again, as in the editor.
        notice.ApprovedBy = null; notice.ApprovedUtc = null;
        notice.UpdatedUtc = now;
        db.Entry(notice).Property(n => n.Version).OriginalValue = posted;
        notice.Version = Guid.NewGuid();
        NoticeAudit.Add(db, id, Actor, "ReplyFormChanged", string.Join("; ", keep.Select(f => $"{f.Position}. {f.Label} ({f.Kind}{(f.Required ? ", *" : "")})")));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            Errors["Version"] = T["Someone else changed this notice while you were editing it. Open it again to see their changes; yours were not saved."];
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        TempData["Message"] = T["The reply form was saved."].Value;
        return Redirect($"/admin/notices/{id}/reply-fields");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var ct = HttpContext.RequestAborted;
        var notice = await db.Notices.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null) return false;
        Notice = notice;
        Saved = await db.NoticeReplyFields.AsNoTracking().Where(f => f.NoticeId == id).OrderBy(f => f.Position).ThenBy(f => f.Id).ToListAsync(ct);
        Time = SiteTime.From(await site.GetAsync(ct));
        return true;
    }

    public string KindText(ReplyFieldKind kind) => T["Reply field " + kind];
}
