using ChildProtection.Campaigns.Data;
using ChildProtection.Campaigns.Parts;
using ChildProtection.Campaigns.Reach;
using ChildProtection.Core.Contents;
using Microsoft.AspNetCore.Mvc;

namespace ChildProtection.Campaigns.Pages.Admin.Campaigns;

/// <summary>
/// One campaign's reach: totals, charts (participants by group and by ward, materials by kind, activities by
/// kind), the table per ward, the reports as they stand (filter by ward, withdrawn ones on demand, paged), and
/// the same as CSV (reports, or totals per ward) or one XLSX workbook.
/// </summary>
public sealed class ReachModel(ReachTotals totals, ReachReports reports) : CampaignsAdminPage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "phuong")] public string? Ward { get; set; }
    [BindProperty(SupportsGet = true, Name = "da-rut")] public bool IncludeWithdrawn { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int PageNumber { get; set; } = 1;

    public ContentItem Campaign { get; private set; } = null!;
    public CampaignData Data { get; private set; } = null!;
    public CampaignStatus Status { get; private set; }
    public CampaignReach Reach { get; private set; } = null!;
    public PagedResult<ReachReport> Reports { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        Reports = await reports.ListAsync(Campaign.ContentItemId, Filter, Math.Max(1, PageNumber), PageSize, HttpContext.RequestAborted);
        if (PageNumber > 1 && PageNumber > Reports.PageCount) return NotFound();
        return Page();
    }

    /// <summary><c>?handler=Csv&amp;bang=phuong</c>: totals per ward; otherwise every report as it stands.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string id, [FromQuery(Name = "bang")] string? table)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        var slug = Core.Routing.Slug.From(Campaign.DisplayText);
        if (table == "phuong")
        {
            var rows = Reach.Wards.Select(w => ReachExport.FiguresRow(w.WardCode, w.WardName, w.Figures)).Append(ReachExport.FiguresRow("", "Tổng cộng", Reach.Total));
            return File(ReachExport.Csv(ReachExport.WardHeaders, rows), "text/csv; charset=utf-8", $"ket-qua-theo-phuong-{slug}.csv");
        }
        var all = await reports.AllAsync(Campaign.ContentItemId, Filter, HttpContext.RequestAborted);
        return File(ReachExport.Csv(ReachExport.ReportHeaders, all.Select(r => ReachExport.ReportRow(r, Time))), "text/csv; charset=utf-8", $"bao-cao-{slug}.csv");
    }

    public async Task<IActionResult> OnGetXlsxAsync(string id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        var all = await reports.AllAsync(Campaign.ContentItemId, Filter, HttpContext.RequestAborted);
        return File(ReachExport.Xlsx(Campaign.DisplayText, Reach, all, Time), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"ket-qua-{Core.Routing.Slug.From(Campaign.DisplayText)}.xlsx");
    }

    private ReachListFilter Filter => new(string.IsNullOrWhiteSpace(Ward) ? null : Ward.Trim().ToUpperInvariant(), null, IncludeWithdrawn);

    private async Task<IActionResult?> LoadAsync(string id)
    {
        await LoadReporterAsync();
        if (!Reporter.MayView) return Denied();
        if (await CampaignAsync(id) is not { } campaign) return NotFound();
        Campaign = campaign;
        Data = CampaignData.From(campaign);
        Status = Data.StatusOn(Today);
        Reach = await totals.ForCampaignAsync(campaign.ContentItemId, HttpContext.RequestAborted);
        return null;
    }

    public string Url(int page = 1, string? handler = null, string? table = null)
    {
        var query = new List<string>();
        if (handler is not null) query.Add($"handler={handler}");
        if (table is not null) query.Add($"bang={table}");
        if (!string.IsNullOrWhiteSpace(Ward)) query.Add($"phuong={Uri.EscapeDataString(Ward.Trim())}");
        if (IncludeWithdrawn) query.Add("da-rut=true");
        if (page > 1) query.Add($"trang={page}");
        return $"/admin/campaigns/{Campaign.ContentItemId}" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }
}
