using System.Globalization;
using ChildProtection.Core.Settings;
using ChildProtection.Notices.Authoring;
using ChildProtection.Notices.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;

namespace ChildProtection.Notices.Pages.Admin.Notices;

/// <summary>
/// Who received a notice and who acknowledged it: counts by delivery status, the acknowledgement rate,
/// the per-recipient table (organisations as named on the day) with filters and paging, and the same
/// rows as CSV or XLSX.
/// </summary>
public sealed class ReportModel(NoticesDbContext db, ISiteSettingsService site, IStringLocalizer<NoticesText> T) : NoticesPageModel
{
    public const int PageSize = 50;

    [FromQuery(Name = "status")] public DeliveryStatus? Status { get; set; }
    [FromQuery(Name = "ack")] public string? Ack { get; set; }
    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public Notice Notice { get; private set; } = null!;
    public ReportCounts Counts { get; private set; } = null!;
    public List<NoticeRecipient> Rows { get; private set; } = [];
    public int Matching { get; private set; }
    public SiteTime Time { get; private set; } = null!;
    public int PageCount => Math.Max(1, (Matching + PageSize - 1) / PageSize);
    /// <summary>Downloads per file and per row (_ReportDownloads.cshtml, the table's last column, the export's last column).</summary>
    public FileDownloadReport Downloads { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var ct = HttpContext.RequestAborted;
        if (!await LoadAsync(id, ct)) return NotFound();
        Counts = await ReportCounts.ForAsync(db, id, ct);
        var rows = Filter().Apply(db.NoticeRecipients.AsNoTracking().Where(r => r.NoticeId == id));
        Matching = await rows.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await rows.OrderBy(r => r.OrganisationName).ThenBy(r => r.Email).ThenBy(r => r.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var shown = Rows.Select(r => r.Id).ToList();
        history = (await db.NoticeDeliveryAttempts.AsNoTracking().Where(a => shown.Contains(a.RecipientId)).OrderBy(a => a.Id).ToListAsync(ct))
            .ToLookup(a => a.RecipientId);
        Downloads = await FileDownloadReport.ForAsync(db, id, shown, ct);
        return Page();
    }

    private ILookup<long, NoticeDeliveryAttempt> history = Array.Empty<NoticeDeliveryAttempt>().ToLookup(a => a.RecipientId);

    /// <summary>
    /// What the row's state says went wrong: only while the row is not delivered (a delivered row's earlier
    /// errors are its history). Null when there is nothing to say.
    /// </summary>
    public string? Reason(NoticeRecipient r) => r.Status == DeliveryStatus.Sent ? null : r.LastError;

    /// <summary>
    /// Delivered, after an attempt that was on the wire when its process died: the recipient may have the
    /// message twice (SMTP leaves one such message per connection; only these rows can be doubled).
    /// </summary>
    public static bool MayBeDoubled(NoticeRecipient r) => r.PossiblyDoubled && r.Status is DeliveryStatus.Sent or DeliveryStatus.Bounced;

    /// <summary>The server's reply, unless the reason already says it (a refusal's reason is the reply itself).</summary>
    public string? ReplyBeyondReason(NoticeRecipient r) =>
        r.ServerReply is { Length: > 0 } reply && !(Reason(r) ?? "").Contains(reply, StringComparison.Ordinal) ? reply : null;

    /// <summary>
    /// The row's past attempts that did not deliver it, oldest first — without the latest one when that is
    /// what the row's reason already shows, so nothing is printed twice.
    /// </summary>
    public IReadOnlyList<NoticeDeliveryAttempt> EarlierAttempts(NoticeRecipient r) => EarlierAttempts(r, history[r.Id]);

    private List<NoticeDeliveryAttempt> EarlierAttempts(NoticeRecipient r, IEnumerable<NoticeDeliveryAttempt> attempts)
    {
        var all = attempts.ToList();
        if (all.Count > 0 && Reason(r) is { } reason && all[^1].Detail == reason) all.RemoveAt(all.Count - 1);
        // A row delivered before the history existed (or an interruption note not moved yet) keeps its note on
        // the row: show it here, with the past, rather than hide it.
        if (r.Status == DeliveryStatus.Sent && r.LastError is { } note && all.All(a => a.Detail != note))
            all.Add(new NoticeDeliveryAttempt { RecipientId = r.Id, NoticeId = r.NoticeId, AtUtc = r.LastAttemptUtc ?? r.SentUtc ?? default, Detail = note });
        return all;
    }

    public async Task<IActionResult> OnGetCsvAsync(int id)
    {
        var ct = HttpContext.RequestAborted;
        if (!await LoadAsync(id, ct)) return NotFound();
        Downloads = await FileDownloadReport.ForAsync(db, id, null, ct);
        Response.ContentType = "text/csv; charset=utf-8";
        Attachment($"bao-cao-cong-van-{id}.csv");
        await ReportExport.WriteCsvAsync(Response.Body, Headings(), Query(id), Cells, ct);
        return new EmptyResult();
    }

    public async Task<IActionResult> OnGetXlsxAsync(int id)
    {
        var ct = HttpContext.RequestAborted;
        if (!await LoadAsync(id, ct)) return NotFound();
        Downloads = await FileDownloadReport.ForAsync(db, id, null, ct);
        // A zip must seek back to finish its entries: build it in a temporary file that deletes itself.
        var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 65536, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await ReportExport.WriteXlsxAsync(temp, T["Report"], Headings(), Query(id), Cells, ct);
        temp.Position = 0;
        return File(temp, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"bao-cao-cong-van-{id}.xlsx");
    }

    /// <summary>
    /// A message the receiving side accepted and later returned (the office finds the bounce in its own
    /// mailbox): the row becomes Bounced with the reason, so the report stops counting it as delivered
    /// and "resend to failed" includes it. Only Sent rows can bounce; the update is conditional, so two
    /// clicks change it once.
    /// </summary>
    public async Task<IActionResult> OnPostBouncedAsync(int id, long recipientId, string? reason)
    {
        var ct = HttpContext.RequestAborted;
        if (!await LoadAsync(id, ct)) return NotFound();
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason?.Length > 500) reason = reason[..500];
        var note = T["Returned by the receiving side (marked by {0})", Actor].Value + (reason is null ? "" : ": " + reason);
        var changed = await db.NoticeRecipients
            .Where(r => r.Id == recipientId && r.NoticeId == id && r.Status == DeliveryStatus.Sent)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, DeliveryStatus.Bounced).SetProperty(r => r.LastError, note), ct);
        if (changed == 1)
        {
            var email = await db.NoticeRecipients.Where(r => r.Id == recipientId).Select(r => r.Email).FirstAsync(ct);
            NoticeAudit.Add(db, id, Actor, "MarkedBounced", reason is null ? email : email + ": " + reason);
            await db.SaveChangesAsync(ct);
            TempData["Message"] = T["Marked as returned: {0}", email].Value;
        }
        else
        {
            TempData["Error"] = T["Only a sent message can be marked as returned."].Value;
        }
        return Redirect(Url.Content($"~/admin/notices/{id}/report") + Request.QueryString);
    }

    /// <summary>
    /// The export's rows with their attempt history, in one streamed query (each row joined to its attempts,
    /// ordered so a row's attempts come together): the history never sits in memory for the whole ledger.
    /// </summary>
    private async IAsyncEnumerable<(NoticeRecipient Row, List<NoticeDeliveryAttempt> Attempts)> Query(int id)
    {
        var rows = Filter().Apply(db.NoticeRecipients.AsNoTracking().Where(r => r.NoticeId == id));
        var joined =
            from r in rows
            join a in db.NoticeDeliveryAttempts.AsNoTracking() on r.Id equals a.RecipientId into attempts
            from a in attempts.DefaultIfEmpty()
            orderby r.OrganisationName, r.Email, r.Id, a.Id
            select new { Row = r, Attempt = a };
        NoticeRecipient? current = null;
        var list = new List<NoticeDeliveryAttempt>();
        await foreach (var x in joined.AsAsyncEnumerable())
        {
            if (current is not null && current.Id != x.Row.Id)
            {
                yield return (current, list);
                list = [];
            }
            current = x.Row;
            if (x.Attempt is not null) list.Add(x.Attempt);
        }
        if (current is not null) yield return (current, list);
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var notice = await db.Notices.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null) return false;
        Notice = notice;
        Time = SiteTime.From(await site.GetAsync(ct));
        if (Q?.Length > 200) Q = Q[..200];
        if (Status is { } s && !Enum.IsDefined(s)) Status = null;
        return true;
    }

    private ReportFilter Filter() => new(Status, Ack switch { "yes" => true, "no" => false, _ => null }, Q);

    private void Attachment(string fileName)
    {
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        Response.Headers.ContentDisposition = disposition.ToString();
    }

    private string[] Headings() =>
    [
        T["Organisation"], T["Code"], T["E-mail"], T["Status"], T["Attempts"], T["Last error"], T["Server reply"], T["Sent at"],
        T["Acknowledged at"], T["Acknowledged by"], T["Reminders"], T["Earlier attempts"], T["Possibly sent twice"], .. DownloadHeadings(),
    ];

    private IReadOnlyList<string> Cells((NoticeRecipient Row, List<NoticeDeliveryAttempt> Attempts) x)
    {
        var r = x.Row;
        // One line per earlier attempt, as the report lists them: when, which attempt, what happened.
        var earlier = string.Join("\n", EarlierAttempts(r, x.Attempts).Select(a =>
            Time.Format(a.AtUtc) + (a.Attempt > 0 ? " · " + T["Attempt {0}", a.Attempt] : "") + ": " + a.Detail));
        return
        [
            r.OrganisationName, r.OrganisationCode, r.Email, T["Delivery " + r.Status], r.Attempts.ToString(CultureInfo.InvariantCulture), Reason(r) ?? "",
            r.ServerReply ?? "", Time.Format(r.SentUtc), Time.Format(r.AcknowledgedUtc), r.AcknowledgedBy ?? "", r.RemindersSent.ToString(CultureInfo.InvariantCulture),
            earlier, MayBeDoubled(r) ? T["Possibly sent twice: yes"] : "",
            .. DownloadCells(r),
        ];
    }

    // The export's downloads column, only for a notice with files.
    private string[] DownloadHeadings() => Downloads.Files.Count > 0 ? [T["Files downloaded"]] : [];
    private string[] DownloadCells(NoticeRecipient r) => Downloads.Files.Count > 0 ? [Downloads.Cell(r.Id, Time)] : [];

    public string LinkTo(string? handler = null, int? page = null) => $"/admin/notices/{Notice.Id}/report" + QueryString.Create(new Dictionary<string, string?>
    {
        ["handler"] = handler, ["status"] = Status?.ToString(), ["ack"] = Ack, ["q"] = Q, ["page"] = page?.ToString(CultureInfo.InvariantCulture),
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();
}
