using System.Globalization;
using ChildProtection.Core.Settings;
using ChildProtection.Notices.Authoring;
using ChildProtection.Notices.Data;
using ChildProtection.Notices.Replies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Notices.Pages.Admin.Notices;

/// <summary>Every organisation the notice reached, whether and when it replied and which version counts; the replies as CSV or XLSX.</summary>
public sealed class RepliesModel(NoticesDbContext db, ReplyReport report, ISiteSettingsService site) : NoticesPageModel
{
    [FromQuery(Name = "show")] public string? Show { get; set; }

    public Notice Notice { get; private set; } = null!;
    public ReplySummary Summary { get; private set; } = null!;
    public SiteTime Time { get; private set; } = null!;
    public IEnumerable<ReplyRow> Shown => Show switch
    {
        "replied" => Summary.Rows.Where(r => r.Replied),
        "awaited" => Summary.Rows.Where(r => !r.Replied),
        _ => Summary.Rows,
    };

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnGetCsvAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        return File(ReplyExport.Csv(Summary, Time), "text/csv; charset=utf-8", FileName("csv"));
    }

    public async Task<IActionResult> OnGetXlsxAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        return File(ReplyExport.Xlsx($"{Notice.NumberSymbol} – {Notice.Subject}", Summary, Time),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName("xlsx"));
    }

    private string FileName(string extension) =>
        string.Create(CultureInfo.InvariantCulture, $"tra-loi-cong-van-{Notice.Id}.{extension}");

    private async Task<bool> LoadAsync(int id)
    {
        var ct = HttpContext.RequestAborted;
        var notice = await db.Notices.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct);
        if (notice is null) return false;
        Notice = notice;
        Summary = await report.BuildAsync(id, ct);
        Time = SiteTime.From(await site.GetAsync(ct));
        Response.Headers.CacheControl = "private, no-store";
        return true;
    }
}
