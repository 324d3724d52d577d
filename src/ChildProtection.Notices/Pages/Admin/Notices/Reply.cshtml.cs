using ChildProtection.Core.Settings;
using ChildProtection.Notices.Authoring;
using ChildProtection.Notices.Data;
using ChildProtection.Notices.Replies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Notices.Pages.Admin.Notices;

/// <summary>One organisation's reply: every version, newest (the one that counts) first, with its files for the office to download.</summary>
public sealed class ReplyModel(NoticesDbContext db, ReplyDesk replies, NoticeFiles files, ISiteSettingsService site) : NoticesPageModel
{
    public Notice Notice { get; private set; } = null!;
    public string OrganisationName { get; private set; } = "";
    public string OrganisationCode { get; private set; } = "";
    public List<NoticeReplyField> Fields { get; private set; } = [];
    public List<NoticeReply> Versions { get; private set; } = [];
    public Dictionary<long, string> SentFrom { get; private set; } = [];
    public SiteTime Time { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, int organisationId)
    {
        var ct = HttpContext.RequestAborted;
        var notice = await db.Notices.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null) return NotFound();
        Notice = notice;
        Versions = await replies.VersionsAsync(id, organisationId, ct);
        if (Versions.Count == 0) return NotFound();
        Fields = await replies.FieldsAsync(id, ct);
        var rowIds = Versions.Select(v => v.RecipientId).Distinct().ToList();
        var rows = await db.NoticeRecipients.AsNoTracking().Where(r => rowIds.Contains(r.Id)).ToListAsync(ct);
        SentFrom = rows.ToDictionary(r => r.Id, r => r.Email);
        OrganisationName = rows.FirstOrDefault()?.OrganisationName ?? "";
        OrganisationCode = rows.FirstOrDefault()?.OrganisationCode ?? "";
        Time = SiteTime.From(await site.GetAsync(ct));
        return Page();
    }

    public async Task<IActionResult> OnGetFileAsync(int id, int organisationId, long valueId)
    {
        var ct = HttpContext.RequestAborted;
        var value = await (from v in db.NoticeReplyValues.AsNoTracking()
                           join r in db.NoticeReplies on v.ReplyId equals r.Id
                           where v.Id == valueId && r.NoticeId == id && r.OrganisationId == organisationId && v.StoredName != null
                           select v).FirstOrDefaultAsync(ct);
        if (value is null) return NotFound();
        var stored = await files.Store.OpenAsync(NoticeFiles.ReplyPathFor(id, value.StoredName!), ct);
        if (stored is null) return NotFound();
        Response.Headers.CacheControl = "private, no-store";
        return NoticeFileResults.Send(stored, value.ContentType ?? "application/octet-stream", value.Text ?? value.StoredName!);
    }
}
