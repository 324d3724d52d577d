using ChildProtection.Campaigns.Parts;
using ChildProtection.Campaigns.Reach;
using ChildProtection.Core.Contents;
using ChildProtection.Organisations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Campaigns.Pages.Admin.Activities;

/// <summary>
/// Reporting an activity of a campaign: a school or ward account for its own organisation (its ward taken from
/// the directory), an editor for any ward and organisation. A refused report comes back with what was typed and
/// a message at each field; nothing is stored.
/// </summary>
public sealed class NewModel(ReachReports reports) : CampaignsAdminPage
{
    [BindProperty] public ReachForm Form { get; set; } = new();

    public ContentItem Campaign { get; private set; } = null!;
    public CampaignData Data { get; private set; } = null!;
    public ReachFormView View { get; private set; } = null!;
    public List<string> SummaryErrors { get; } = [];
    /// <summary>The account cannot report yet (no organisation): the page explains instead of showing the form.</summary>
    public bool NoOrganisation { get; private set; }

    public async Task<IActionResult> OnGetAsync(string campaignId)
    {
        if (await LoadAsync(campaignId) is { } refused) return refused;
        Form = new ReachForm { Date = (Data.Covers(Today) ? Today : Data.End ?? Today).ToString("yyyy-MM-dd") };
        View = await ViewAsync(new Dictionary<string, string>());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string campaignId)
    {
        if (await LoadAsync(campaignId) is { } refused) return refused;
        var result = await reports.SubmitAsync(Campaign.ContentItemId, Form, Reporter, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Message"] = Text["The report of {0} in {1} is saved.", Day(result.Report!.ActivityDate), result.Report.WardName].Value;
            return Redirect($"/admin/activities/{result.Report.ReportId}");
        }
        var errors = new Dictionary<string, string>();
        foreach (var e in result.Errors)
        {
            if (e.Field.Length > 0 && !errors.ContainsKey(e.Field)) errors[e.Field] = Localize(e);
            else SummaryErrors.Add(Localize(e));
        }
        if (errors.Count > 0) SummaryErrors.Insert(0, Text["The report is not saved: correct the marked fields."]);
        View = await ViewAsync(errors);
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string campaignId)
    {
        await LoadReporterAsync();
        if (!Reporter.MayReport) return Denied();
        if (await CampaignAsync(campaignId) is not { } campaign) return NotFound();
        Campaign = campaign;
        Data = CampaignData.From(campaign);
        NoOrganisation = !Reporter.MayActForOthers && Reporter.Organisation is null;
        return null;
    }

    private async Task<ReachFormView> ViewAsync(Dictionary<string, string> errors)
    {
        var wards = await CampaignPart.WardOptionsAsync(HttpContext.RequestServices, HttpContext.RequestAborted);
        if (Data.WardCodes.Count > 0) wards = wards.Where(w => Data.WardCodes.Contains(w.Value, StringComparer.OrdinalIgnoreCase)).ToList();
        string? fixedWard = null;
        if (Reporter.FixedWardCode is { } code)
            fixedWard = (await HttpContext.RequestServices.GetRequiredService<IRecipientDirectory>().GetOrganisationByCodeAsync(code, HttpContext.RequestAborted))?.Name ?? code;
        var max = Data.End is { } end && end < Today ? end : Today;
        return new ReachFormView
        {
            Form = Form, Errors = errors, Wards = wards, FixedWard = fixedWard, ForOthers = Reporter.MayActForOthers,
            Period = Data.PeriodText, Min = Data.Start?.ToString("yyyy-MM-dd"), Max = max.ToString("yyyy-MM-dd"),
        };
    }
}
