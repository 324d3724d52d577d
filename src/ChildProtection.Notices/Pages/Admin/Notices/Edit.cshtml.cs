using ChildProtection.Core.Html;
using ChildProtection.Core.Settings;
using ChildProtection.Mail;
using ChildProtection.Notices.Authoring;
using ChildProtection.Notices.Data;
using ChildProtection.Organisations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Notices.Pages.Admin.Notices;

/// <summary>
/// Create or edit a draft: official-document data, subject and body, attachments (checked by content),
/// deadline and reminders, recipients from the directory with a live count. Nothing is saved unless
/// every field is right.
/// </summary>
public sealed class EditModel(
    NoticesDbContext db, IRecipientDirectory directory, RecipientsPreview preview, IHtmlSanitizing sanitizing, ISiteSettingsService site,
    SmtpSettingsService smtp, IDocumentStore documents, NoticeFiles noticeFiles, Delivery.DeliverySettingsService deliverySettings, TimeProvider clock, IStringLocalizer<NoticesText> T) : NoticesPageModel
{
    [BindProperty] public NoticeInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    public int? NoticeId { get; private set; }
    public Dictionary<string, List<string>> Errors { get; } = [];
    public IReadOnlyList<RecipientGroupInfo> Groups { get; private set; } = [];
    public IReadOnlyList<OrganisationInfo> Chosen { get; private set; } = [];
    public IReadOnlyList<OrganisationInfo> Found { get; private set; } = [];
    public RecipientResolution Resolution { get; private set; } = new([], [], 0);
    public List<NoticeAttachment> Attachments { get; private set; } = [];
    public long MaxAttachmentBytes { get; private set; }
    public string? RejectionReason { get; private set; }
    public FilesWay FilesWay { get; private set; } = new(false, 0, 0);

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        var ct = HttpContext.RequestAborted;
        var time = SiteTime.From(await site.GetAsync(ct));
        if (id is { } existing)
        {
            var notice = await LoadAsync(existing, ct);
            if (notice is null) return NotFound();
            if (!notice.IsEditable) { TempData["Error"] = T["Only a draft can be edited."].Value; return Redirect($"/admin/notices/{existing}"); }
            Input = NoticeInput.From(notice, time);
            RejectionReason = notice.RejectionReason;
        }
        else
        {
            // The sending office's address from the mail settings, when there is one.
            Input.ReplyToAddress = (await smtp.GetAsync(ct)).ReplyToAddress;
            Input.DocumentType = DocumentTypes.Common[0];
        }
        if (!string.IsNullOrWhiteSpace(Search)) Found = await directory.FindOrganisationsAsync(Search.Trim(), 20, ct);
        await FillAsync(id, ct);
        return Page();
    }

    /// <summary>The search box's JSON (notices.js); without script the Search button posts the form instead.</summary>
    public async Task<IActionResult> OnGetOrganisationsAsync(string? q)
    {
        var found = string.IsNullOrWhiteSpace(q) ? [] : await directory.FindOrganisationsAsync(q.Trim()[..Math.Min(q.Trim().Length, 100)], 20, HttpContext.RequestAborted);
        var today = await preview.TodayAsync(HttpContext.RequestAborted);
        return new JsonResult(found.Select(o => new
        {
            id = o.Id, code = o.Code, name = o.Name, ward = o.WardName, valid = o.IsValidOn(today),
            successorId = o.SuccessorId, successorName = o.SuccessorName,
        }));
    }

    /// <summary>The live recipients summary for the current choice (notices.js).</summary>
    public async Task<IActionResult> OnGetSummaryAsync([FromQuery(Name = "g")] List<int> groups, [FromQuery(Name = "o")] List<int> organisations)
    {
        var resolution = await preview.ResolveAsync(groups.Take(500).ToList(), organisations.Take(2000).ToList(), HttpContext.RequestAborted);
        return new JsonResult(new
        {
            count = resolution.Recipients.Count, duplicates = resolution.DuplicatesRemoved, undeliverable = resolution.Undeliverable.Count, text = SummaryText(resolution),
            refused = resolution.Refused.Select(r => new { id = r.OrganisationId, name = r.Name, successorId = r.SuccessorId, successorName = r.SuccessorName, viaGroup = r.ViaGroupId }),
        });
    }

    public async Task<IActionResult> OnPostSearchAsync(int? id)
    {
        if (!string.IsNullOrWhiteSpace(Search)) Found = await directory.FindOrganisationsAsync(Search.Trim(), 20, HttpContext.RequestAborted);
        await FillAsync(id, HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>"Use the successor instead": swaps a unit that no longer exists for the one that took over (nothing saved yet).</summary>
    public async Task<IActionResult> OnPostSuccessorAsync(int? id, int replace, int with)
    {
        Input.OrganisationIds = Input.OrganisationIds.Where(o => o != replace).Append(with).Distinct().ToList();
        await FillAsync(id, HttpContext.RequestAborted);
        return Page();
    }

    [RequestSizeLimit(300L * 1024 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = 300L * 1024 * 1024)]
    public async Task<IActionResult> OnPostAsync(int? id, List<IFormFile>? files)
    {
        var ct = HttpContext.RequestAborted;
        var now = clock.GetUtcNow().UtcDateTime;
        var time = SiteTime.From(await site.GetAsync(ct));
        Notice notice;
        if (id is { } existing)
        {
            var loaded = await LoadAsync(existing, ct);
            if (loaded is null) return NotFound();
            if (!loaded.IsEditable) { TempData["Error"] = T["Only a draft can be edited."].Value; return Redirect($"/admin/notices/{existing}"); }
            if (!Guid.TryParse(Input.Version, out var posted) || posted != loaded.Version)
                AddError("Version", T["Someone else changed this notice while you were editing it. Open it again to see their changes; yours were not saved."]);
            notice = loaded;
        }
        else notice = new Notice { CreatedBy = Actor, CreatedUtc = now, Status = NoticeStatus.Draft };
        var postedVersion = notice.Version;

        // Check everything before anything is written, uploads included.
        foreach (var (field, key) in Input.ApplyTo(notice, time, now, sanitizing.Sanitize)) AddError(field, T[key, Input.ErrorArguments.GetValueOrDefault(field) ?? ""]);

        var groups = await directory.ListGroupsAsync(ct);
        Input.GroupIds = Input.GroupIds.Where(g => groups.Any(x => x.Id == g)).Distinct().ToList();
        var organisations = Input.OrganisationIds.Count == 0 ? [] : await directory.GetOrganisationsAsync(Input.OrganisationIds.Distinct().ToList(), ct);
        Input.OrganisationIds = organisations.Select(o => o.Id).ToList();
        var resolution = await preview.ResolveAsync(Input.GroupIds, Input.OrganisationIds, ct);
        foreach (var refused in resolution.Refused.Where(r => r.ViaGroupId is null))
            AddError("Recipients", refused.SuccessorName is null
                ? T["{0} no longer exists and has no successor; remove it.", refused.Name]
                : T["{0} no longer exists: it became {1}.", refused.Name, refused.SuccessorName]);

        using var uploads = new NoticeAttachmentUploads(noticeFiles);
        foreach (var (key, name) in await uploads.StageAsync(files ?? [], ct)) AddError("Attachments", T[key, name]);
        var limit = (await NoticeAuthoringSettings.GetAsync(documents, ct)).MaxAttachmentBytesPerNotice;
        var existingBytes = notice.Attachments.Sum(a => a.Size);
        if (existingBytes + uploads.TotalBytes > limit)
            AddError("Attachments", T["The attachments of one notice may total at most {0}; these would make {1}.", Size(limit), Size(existingBytes + uploads.TotalBytes)]);

        if (Errors.Count > 0)
        {
            if (id is not null) db.ChangeTracker.Clear();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            Resolution = resolution;
            await FillAsync(id, ct);
            return Page();
        }

        notice.Targets.RemoveAll(_ => true);
        notice.Targets.AddRange(Input.GroupIds.Select(g => new NoticeTarget { Kind = NoticeTargetKind.Group, TargetId = g, Label = groups.First(x => x.Id == g).Name }));
        notice.Targets.AddRange(organisations.Select(o => new NoticeTarget { Kind = NoticeTargetKind.Organisation, TargetId = o.Id, Label = o.Name }));
        // A changed draft must be approved again.
        notice.ApprovedBy = null; notice.ApprovedUtc = null;
        notice.UpdatedUtc = now;
        notice.Version = Guid.NewGuid();
        if (id is null) db.Notices.Add(notice);
        else db.Entry(notice).Property(n => n.Version).OriginalValue = postedVersion;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            AddError("Version", T["Someone else changed this notice while you were editing it. Open it again to see their changes; yours were not saved."]);
            Response.StatusCode = StatusCodes.Status409Conflict;
            await FillAsync(id, ct);
            return Page();
        }
        NoticeAudit.Add(db, notice.Id, Actor, id is null ? "Created" : "Edited");
        // The attachments' rows and their files commit together (or, on the folder store, the files go again).
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var kept in await uploads.KeepAsync(notice.Id, now, transaction.GetDbTransaction(), ct))
            {
                db.NoticeAttachments.Add(kept);
                NoticeAudit.Add(db, notice.Id, Actor, "AttachmentAdded", kept.FileName);
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch
        {
            await uploads.ForgetWrittenAsync();
            throw;
        }
        TempData["Message"] = T["The draft was saved."].Value;
        return Redirect($"/admin/notices/{notice.Id}");
    }

    public async Task<IActionResult> OnPostRemoveAttachmentAsync(int id, int attachmentId)
    {
        var ct = HttpContext.RequestAborted;
        var notice = await db.Notices.FirstOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null) return NotFound();
        if (!notice.IsEditable) { TempData["Error"] = T["Only a draft can be edited."].Value; return Redirect($"/admin/notices/{id}"); }
        var attachment = await db.NoticeAttachments.FirstOrDefaultAsync(a => a.Id == attachmentId && a.NoticeId == id, ct);
        if (attachment is null) return NotFound();
        db.NoticeAttachments.Remove(attachment);
        notice.ApprovedBy = null; notice.ApprovedUtc = null;
        notice.Version = Guid.NewGuid();
        NoticeAudit.Add(db, id, Actor, "AttachmentRemoved", attachment.FileName);
        await db.SaveChangesAsync(ct);
        try { await noticeFiles.DeleteAsync(id, attachment.StoredName, CancellationToken.None); }
        catch (IOException) { /* a leftover file harms nobody */ }
        catch (System.Data.Common.DbException) { /* nor does a leftover row in the database store */ }
        TempData["Message"] = T["The attachment {0} was removed.", attachment.FileName].Value;
        return Redirect($"/admin/notices/edit/{id}");
    }

    private Task<Notice?> LoadAsync(int id, CancellationToken ct) =>
        db.Notices.Include(n => n.Targets).Include(n => n.Attachments).FirstOrDefaultAsync(n => n.Id == id, ct);

    private async Task FillAsync(int? id, CancellationToken ct)
    {
        NoticeId = id;
        Groups = await directory.ListGroupsAsync(ct);
        var chosen = Input.OrganisationIds.Distinct().ToList();
        Chosen = chosen.Count == 0 ? [] : await directory.GetOrganisationsAsync(chosen, ct);
        if (Resolution.Recipients.Count == 0 && Resolution.Refused.Count == 0)
            Resolution = await preview.ResolveAsync(Input.GroupIds, chosen, ct);
        Attachments = id is null ? [] : await db.NoticeAttachments.AsNoTracking().Where(a => a.NoticeId == id).OrderBy(a => a.Id).ToListAsync(ct);
        MaxAttachmentBytes = (await NoticeAuthoringSettings.GetAsync(documents, ct)).MaxAttachmentBytesPerNotice;
        FilesWay = FilesWay.For(await deliverySettings.GetAsync(ct), Attachments.Sum(a => a.Size));
        if (id is not null && RejectionReason is null)
            RejectionReason = await db.Notices.Where(n => n.Id == id).Select(n => n.RejectionReason).FirstOrDefaultAsync(ct);
    }

    private void AddError(string field, string message)
    {
        if (!Errors.TryGetValue(field, out var list)) Errors[field] = list = [];
        list.Add(message);
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var list) ? string.Join(" ", list) : null;

    public string SummaryText(RecipientResolution r) => T["{0} e-mail addresses ({1} duplicates merged)", r.Recipients.Count, r.DuplicatesRemoved]
        + (r.Undeliverable.Count > 0 ? " " + T["{0} undeliverable addresses skipped.", r.Undeliverable.Count] : "");

    private static string Size(long bytes) => FileSizes.Format(bytes);
}
