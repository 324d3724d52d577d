using ChildProtection.Campaigns.Data;
using ChildProtection.Campaigns.Parts;
using ChildProtection.Campaigns.Reach;
using ChildProtection.Core.Contents;
using ChildProtection.Organisations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Campaigns.Pages.Admin.Activities;

/// <summary>
/// One report: its figures as they stand, every earlier version with what changed, and (for its organisation or
/// an editor) a correction — a new version with a reason — or a withdrawal. Those who see the totals see every
/// report; a school sees its own organisation's.
/// </summary>
public sealed class ReportModel(ReachReports reports) : CampaignsAdminPage
{
    [BindProperty] public ReachForm Form { get; set; } = new();
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public ReachReport Latest { get; private set; } = null!;
    public IReadOnlyList<ReachReport> History { get; private set; } = [];
    public ContentItem? Campaign { get; private set; }
    public CampaignData? Data { get; private set; }
    public bool MayCorrect { get; private set; }
    public ReachFormView? View { get; private set; }
    public List<string> SummaryErrors { get; } = [];
    public string? WithdrawError { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reportId)
    {
        if (await LoadAsync(reportId) is { } refused) return refused;
        Form = ReachForm.From(Latest);
        View = await ViewAsync(new Dictionary<string, string>());
        return Page();
    }

    public async Task<IActionResult> OnPostCorrectAsync(string reportId)
    {
        if (await LoadAsync(reportId) is { } refused) return refused;
        if (!MayCorrect) return Denied();
        var result = await reports.CorrectAsync(reportId, Version, Form, Reporter, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Message"] = Text["The correction is saved as version {0}; the earlier figures stay in the history.", result.Report!.Version].Value;
            return Redirect($"/admin/activities/{reportId}");
        }
        var errors = new Dictionary<string, string>();
        foreach (var e in result.Errors)
        {
            if (e.Field.Length > 0 && !errors.ContainsKey(e.Field)) errors[e.Field] = Localize(e);
            else SummaryErrors.Add(Localize(e));
        }
        if (errors.Count > 0) SummaryErrors.Insert(0, Text["The correction is not saved: correct the marked fields."]);
        View = await ViewAsync(errors);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string reportId)
    {
        if (await LoadAsync(reportId) is { } refused) return refused;
        if (!MayCorrect) return Denied();
        var result = await reports.WithdrawAsync(reportId, Version, Reason, Reporter, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Message"] = Text["The report is withdrawn; the totals leave it out."].Value;
            return Redirect($"/admin/activities/{reportId}");
        }
        WithdrawError = string.Join(" ", result.Errors.Select(Localize));
        Form = ReachForm.From(Latest);
        View = await ViewAsync(new Dictionary<string, string>());
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string reportId)
    {
        await LoadReporterAsync();
        if (!Reporter.MayReport && !Reporter.MayView) return Denied();
        var latest = await reports.LatestAsync(reportId, HttpContext.RequestAborted);
        if (latest is null) return NotFound();
        if (!Reporter.MayView && !Reporter.Owns(latest)) return Denied();
        Latest = latest;
        History = await reports.HistoryAsync(reportId, HttpContext.RequestAborted);
        Campaign = await CampaignAsync(latest.CampaignId);
        Data = Campaign is null ? null : CampaignData.From(Campaign);
        MayCorrect = Reporter.MayReport && Reporter.Owns(latest) && !latest.Withdrawn && Campaign is not null;
        return null;
    }

    private async Task<ReachFormView?> ViewAsync(Dictionary<string, string> errors)
    {
        if (!MayCorrect || Data is null) return null;
        var wards = await CampaignPart.WardOptionsAsync(HttpContext.RequestServices, HttpContext.RequestAborted);
        if (Data.WardCodes.Count > 0) wards = wards.Where(w => Data.WardCodes.Contains(w.Value, StringComparer.OrdinalIgnoreCase)).ToList();
        string? fixedWard = null;
        if (Reporter.FixedWardCode is { } code)
            fixedWard = (await HttpContext.RequestServices.GetRequiredService<IRecipientDirectory>().GetOrganisationByCodeAsync(code, HttpContext.RequestAborted))?.Name ?? code;
        var max = Data.End is { } end && end < Today ? end : Today;
        return new ReachFormView
        {
            Form = Form, Errors = errors, Wards = wards, FixedWard = fixedWard, ForOthers = Reporter.MayActForOthers, IsCorrection = true,
            Period = Data.PeriodText, Min = Data.Start?.ToString("yyyy-MM-dd"), Max = max.ToString("yyyy-MM-dd"),
        };
    }

    /// <summary>Whether a value differs from the version before (the history marks it).</summary>
    public bool Changed(int index, Func<ReachReport, object?> value) =>
        index + 1 < History.Count && !Equals(value(History[index]), value(History[index + 1]));
}
