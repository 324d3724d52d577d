using System.Globalization;
using System.Security.Claims;
using ChildProtection.Core.Settings;
using ChildProtection.Mail;
using ChildProtection.Notices.Authoring;
using ChildProtection.Notices.Data;
using ChildProtection.Notices.Delivery;
using ChildProtection.Notices.Messages;
using ChildProtection.Organisations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Notices.Pages.Admin.Notices;

/// <summary>
/// One notice: its document data, recipients, status and live progress, the steps of its life (submit,
/// approve or send back, test, send now or later, pause, resume, cancel, resend to the failed) and its
/// audit trail.
/// </summary>
public sealed class DetailsModel(
    NoticesDbContext db, INoticeDelivery delivery, RecipientsPreview preview, NoticeMessageComposer composer, SampleRecipients samples, DeliverySettingsService deliverySettings, IMailSender mail,
    ISiteSettingsService site, NoticeFiles files, TimeProvider clock, IStringLocalizer<NoticesText> T, IStringLocalizer<DeliveryText> D) : NoticesPageModel
{
    public Notice Notice { get; private set; } = null!;
    public SiteTime Time { get; private set; } = null!;
    public DeliveryProgress? Progress { get; private set; }
    public RecipientResolution? Resolution { get; private set; }
    public List<NoticeEvent> Events { get; private set; } = [];
    public bool CanApprove { get; private set; }
    public string? Error { get; private set; }
    public FilesWay FilesWay { get; private set; } = new(false, 0, 0);

    public bool IsStarted => Notice.Status is NoticeStatus.Sending or NoticeStatus.Paused or NoticeStatus.Completed or NoticeStatus.Cancelled || Notice.RecipientCount > 0;
    public bool MaySend => Notice.Status == NoticeStatus.Draft && (!Notice.RequiresApproval || Notice.ApprovedBy is not null);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        return Page();
    }

    /// <summary>The progress bar's numbers, polled every two seconds by notices.js.</summary>
    public async Task<IActionResult> OnGetProgressAsync(int id)
    {
        if (!await db.Notices.AnyAsync(n => n.Id == id, HttpContext.RequestAborted)) return NotFound();
        var p = await delivery.GetProgressAsync(id, HttpContext.RequestAborted);
        Response.Headers.CacheControl = "no-store";
        return new JsonResult(new
        {
            status = p.Status.ToString(), statusText = T["Status " + p.Status].Value, total = p.Total, queued = p.Queued, sending = p.Sending, sent = p.Sent,
            failed = p.Failed, bounced = p.Bounced, cancelled = p.Cancelled, acknowledged = p.Acknowledged, percent = p.PercentDone,
        });
    }

    /// <summary>An attachment as stored, for the sender to check.</summary>
    public async Task<IActionResult> OnGetFileAsync(int id, int attachmentId)
    {
        var a = await db.NoticeAttachments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == attachmentId && x.NoticeId == id, HttpContext.RequestAborted);
        if (a is null) return NotFound();
        var stored = await files.OpenAsync(id, a.StoredName, HttpContext.RequestAborted);
        if (stored is null) return NotFound();
        return NoticeFileResults.Send(stored, a.ContentType, a.FileName);
    }

    public async Task<IActionResult> OnPostSubmitAsync(int id, string? version)
    {
        var notice = await FindAsync(id);
        if (notice is null) return NotFound();
        if (!SameVersion(notice, version)) return Back(id, T["Someone else changed this notice meanwhile; look at it again before going on."]);
        if (notice.Status != NoticeStatus.Draft || !notice.RequiresApproval) return Back(id, T["Only a draft that requires approval can be submitted."]);
        if (notice.Targets.Count == 0) return Back(id, T["Choose at least one group or organisation first."]);
        if (PersonalFieldRefusal(notice) is { } placeholderError) return Back(id, placeholderError);
        notice.Status = NoticeStatus.AwaitingApproval;
        notice.SubmittedBy = Actor;
        notice.ApprovedBy = null; notice.ApprovedUtc = null; notice.RejectionReason = null;
        return await SaveAsync(notice, version!, "Submitted", null, T["The notice was submitted for approval."]);
    }

    public async Task<IActionResult> OnPostApproveAsync(int id, string? version)
    {
        if (!await CanApproveAsync()) return Forbid();
        var notice = await FindAsync(id);
        if (notice is null) return NotFound();
        if (!SameVersion(notice, version)) return Back(id, T["Someone else changed this notice meanwhile; look at it again before going on."]);
        if (notice.Status != NoticeStatus.AwaitingApproval) return Back(id, T["The notice is not waiting for approval."]);
        if (IsSelf(notice)) return Back(id, T["You cannot approve a notice you wrote or submitted yourself: another person must approve it."]);
        if (PersonalFieldRefusal(notice) is { } placeholderError) return Back(id, placeholderError);
        notice.Status = NoticeStatus.Draft;
        notice.ApprovedBy = Actor;
        notice.ApprovedUtc = clock.GetUtcNow().UtcDateTime;
        return await SaveAsync(notice, version!, "Approved", null, T["The notice was approved and may now be sent."]);
    }

    public async Task<IActionResult> OnPostRejectAsync(int id, string? version, string? reason)
    {
        if (!await CanApproveAsync()) return Forbid();
        var notice = await FindAsync(id);
        if (notice is null) return NotFound();
        if (!SameVersion(notice, version)) return Back(id, T["Someone else changed this notice meanwhile; look at it again before going on."]);
        if (notice.Status != NoticeStatus.AwaitingApproval) return Back(id, T["The notice is not waiting for approval."]);
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason)) return Back(id, T["Say why the notice is sent back."]);
        if (reason.Length > 1000) reason = reason[..1000];
        notice.Status = NoticeStatus.Draft;
        notice.RejectionReason = reason;
        notice.ApprovedBy = null; notice.ApprovedUtc = null;
        return await SaveAsync(notice, version!, "Rejected", reason, T["The notice was sent back to its author."]);
    }

    /// <param name="sample">The recipient whose personal values the test carries (the preview's choice); the first when empty.</param>
    public async Task<IActionResult> OnPostTestAsync(int id, string? sample)
    {
        var ct = HttpContext.RequestAborted;
        var notice = await db.Notices.AsNoTracking().Include(n => n.Attachments).Include(n => n.Targets).FirstOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null) return NotFound();
        var email = User.FindFirstValue(ClaimTypes.Email);
        if (string.IsNullOrWhiteSpace(email)) return Back(id, T["Your account has no e-mail address to send the test to."]);
        var settings = await site.GetAsync(ct);
        await composer.PrepareAsync(notice, HttpContext.RequestAborted);
        // Sent to the sender, written as one of the recipients will get it (their unit, code, ward, contact).
        var recipient = SampleRecipients.Pick(await samples.ListAsync(notice, ct), sample);
        var to = recipient is null
            ? new NoticeAddressee(0, email, User.Identity?.Name, TestOrganisation(notice))
            : recipient with { RecipientId = 0, Email = email };
        var message = composer.Compose(notice, to, NoticeMessageKind.Test, settings, LinkBase(settings));
        var result = await mail.SendAsync(message, ct);
        NoticeAudit.Add(db, id, Actor, "TestSent", email + (result.IsSent ? "" : " — " + result.ServerReply));
        await db.SaveChangesAsync(ct);
        if (result.IsSent) TempData["Message"] = T["A test message was sent to {0}.", email].Value;
        else TempData["Error"] = T["The test message could not be sent: {0}", result.ServerReply ?? ""].Value;
        return Redirect($"/admin/notices/{id}");
    }

    public async Task<IActionResult> OnPostSendAsync(int id, string? version, string? when, string? at)
    {
        var ct = HttpContext.RequestAborted;
        var notice = await FindAsync(id);
        if (notice is null) return NotFound();
        if (!SameVersion(notice, version)) return Back(id, T["Someone else changed this notice meanwhile; look at it again before going on."]);
        if (notice.Status != NoticeStatus.Draft) return Back(id, T["Only a draft can be sent."]);
        if (notice.RequiresApproval && notice.ApprovedBy is null) return Back(id, T["This notice must be approved by another person before it is sent."]);
        if (PersonalFieldRefusal(notice) is { } placeholderError) return Back(id, placeholderError);
        var settings = await site.GetAsync(ct);
        DateTime? scheduled = null;
        if (when == "later")
        {
            if (!DateTime.TryParseExact(at, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                return Back(id, T["Enter the date and time to send at."]);
            scheduled = SiteTime.From(settings).ToUtc(local);
            if (scheduled <= clock.GetUtcNow().UtcDateTime) return Back(id, T["The time to send at has already passed."]);
        }
        if (scheduled is null && notice.Targets.Count > 0)
        {
            // What delivery would refuse now (nobody to write to, units no longer valid) is refused here,
            // before anything is written: no "send requested" in the history for a send that never was.
            // (Whom a later send goes to is decided on its day.)
            var resolution = await preview.ResolveAsync(
                notice.Targets.Where(t => t.Kind == NoticeTargetKind.Group).Select(t => t.TargetId).ToList(),
                notice.Targets.Where(t => t.Kind == NoticeTargetKind.Organisation).Select(t => t.TargetId).ToList(), ct);
            var refusedDirectly = resolution.Refused.Where(r => r.ViaGroupId is null).ToList();
            if (refusedDirectly.Count > 0)
                return Back(id, Refusal(DeliveryCommandResult.Refused(DeliveryErrors.InvalidOrganisations) with
                {
                    Detail = string.Join("; ", refusedDirectly.Select(r => r.SuccessorName is null ? $"{r.Code} {r.Name}" : $"{r.Code} {r.Name} → {r.SuccessorName}")),
                }));
            if (!resolution.Recipients.Any(r => !string.IsNullOrWhiteSpace(r.Email)))
                return Back(id, Refusal(DeliveryCommandResult.Refused(DeliveryErrors.NoRecipients)));
        }
        var previousSchedule = notice.ScheduledUtc;
        var previousVersion = Guid.Parse(version!);
        notice.ScheduledUtc = scheduled;
        notice.Version = Guid.NewGuid();
        db.Entry(notice).Property(n => n.Version).OriginalValue = previousVersion;
        var requested = NoticeAudit.Add(db, id, Actor, "SendRequested", scheduled is null ? null : SiteTime.From(settings).Format(scheduled));
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { return Back(id, T["Someone else changed this notice meanwhile; look at it again before going on."]); }
        var result = await delivery.StartAsync(id, Actor, LinkBase(settings), ct);
        if (!result.Succeeded)
        {
            // Refused although the checks above passed: the directory changed in between (a rare race). Delivery
            // changed nothing, so the request did not happen either: its history entry and the schedule it
            // wrote go again. The request is saved first because delivery reads the schedule from the database.
            await db.NoticeEvents.Where(e => e.Id == requested.Id).ExecuteDeleteAsync(CancellationToken.None);
            await db.Notices.Where(n => n.Id == id && n.Version == notice.Version && n.Status == NoticeStatus.Draft)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ScheduledUtc, previousSchedule).SetProperty(n => n.Version, previousVersion), CancellationToken.None);
            return Back(id, Refusal(result));
        }
        TempData["Message"] = (scheduled is null ? T["Sending has started."] : T["The notice will be sent at {0}.", SiteTime.From(settings).Format(scheduled)]).Value;
        return Redirect($"/admin/notices/{id}");
    }

    public Task<IActionResult> OnPostPauseAsync(int id) => CommandAsync(id, d => d.PauseAsync(id, Actor, HttpContext.RequestAborted), T["Sending was paused."]);
    public Task<IActionResult> OnPostResumeAsync(int id) => CommandAsync(id, d => d.ResumeAsync(id, Actor, HttpContext.RequestAborted), T["Sending was resumed."]);
    public Task<IActionResult> OnPostCancelAsync(int id) => CommandAsync(id, d => d.CancelAsync(id, Actor, HttpContext.RequestAborted), T["The notice was cancelled."]);
    public Task<IActionResult> OnPostResendFailedAsync(int id) => CommandAsync(id, d => d.ResendFailedAsync(id, Actor, HttpContext.RequestAborted), T["The failed recipients will be sent the notice again."]);

    private async Task<IActionResult> CommandAsync(int id, Func<INoticeDelivery, Task<DeliveryCommandResult>> command, string done)
    {
        if (!await db.Notices.AnyAsync(n => n.Id == id, HttpContext.RequestAborted)) return NotFound();
        var result = await command(delivery);
        if (!result.Succeeded) return Back(id, Refusal(result));
        TempData["Message"] = done;
        return Redirect($"/admin/notices/{id}");
    }

    // Delivery's refusals are keys of its own resources; the detail (e.g. units no longer valid) is data, shown as it is.
    private string Refusal(DeliveryCommandResult result) =>
        D[result.Error ?? "The notice cannot be sent in its present state."].Value + (result.Detail is { Length: > 0 } detail ? " (" + detail + ")" : "");

    private async Task<bool> LoadAsync(int id)
    {
        var ct = HttpContext.RequestAborted;
        var notice = await db.Notices.AsNoTracking().Include(n => n.Targets).Include(n => n.Attachments).FirstOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null) return false;
        Notice = notice;
        Time = SiteTime.From(await site.GetAsync(ct));
        FilesWay = FilesWay.For(await deliverySettings.GetAsync(ct), notice.Attachments.Sum(a => a.Size));
        CanApprove = await CanApproveAsync();
        if (IsStarted) Progress = await delivery.GetProgressAsync(id, ct);
        else
            Resolution = await preview.ResolveAsync(
                notice.Targets.Where(t => t.Kind == NoticeTargetKind.Group).Select(t => t.TargetId).ToList(),
                notice.Targets.Where(t => t.Kind == NoticeTargetKind.Organisation).Select(t => t.TargetId).ToList(), ct);
        Events = await db.NoticeEvents.AsNoTracking().Where(e => e.NoticeId == id).OrderByDescending(e => e.AtUtc).ThenByDescending(e => e.Id).Take(200).ToListAsync(ct);
        return true;
    }

    private Task<Notice?> FindAsync(int id) => db.Notices.Include(n => n.Targets).FirstOrDefaultAsync(n => n.Id == id, HttpContext.RequestAborted);

    private static bool SameVersion(Notice notice, string? version) => Guid.TryParse(version, out var v) && v == notice.Version;

    private bool IsSelf(Notice notice) =>
        string.Equals(notice.CreatedBy, Actor, StringComparison.OrdinalIgnoreCase) || string.Equals(notice.SubmittedBy, Actor, StringComparison.OrdinalIgnoreCase);

    private async Task<IActionResult> SaveAsync(Notice notice, string version, string action, string? detail, string done)
    {
        notice.Version = Guid.NewGuid();
        notice.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        db.Entry(notice).Property(n => n.Version).OriginalValue = Guid.Parse(version);
        NoticeAudit.Add(db, notice.Id, Actor, action, detail);
        try { await db.SaveChangesAsync(HttpContext.RequestAborted); }
        catch (DbUpdateConcurrencyException) { return Back(notice.Id, T["Someone else changed this notice meanwhile; look at it again before going on."]); }
        TempData["Message"] = done;
        return Redirect($"/admin/notices/{notice.Id}");
    }

    private IActionResult Back(int id, string error)
    {
        TempData["Error"] = error;
        return Redirect($"/admin/notices/{id}");
    }

    private string LinkBase(SiteSettings settings) =>
        !string.IsNullOrWhiteSpace(settings.BaseUrl) ? settings.BaseUrl.TrimEnd('/') : $"{Request.Scheme}://{Request.Host}";

    private string TestOrganisation(Notice notice) =>
        notice.Targets.FirstOrDefault(t => t.Kind == NoticeTargetKind.Organisation)?.Label ?? T["(the receiving unit)"].Value;

    /// <summary>A placeholder the notice may not carry, said at the step that would send it out.</summary>
    private string? PersonalFieldRefusal(Notice notice) =>
        NoticeInput.PersonalFieldError(notice.Subject, notice.BodyHtml) is { } e
            ? T[e.Field == nameof(NoticeInput.Subject) ? "The subject: {0}" : "The body: {0}", T[e.Key, e.Argument].Value].Value
            : null;

    public string EventText(NoticeEvent e) => T[NoticeAudit.Describe(e.Action)];
}
