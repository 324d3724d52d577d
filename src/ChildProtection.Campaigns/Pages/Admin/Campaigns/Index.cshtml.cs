using ChildProtection.Campaigns.Public;
using ChildProtection.Campaigns.Reach;
using Microsoft.AspNetCore.Mvc;

namespace ChildProtection.Campaigns.Pages.Admin.Campaigns;

/// <summary>Every published campaign with its status and what it has reached so far, running ones first.</summary>
public sealed class IndexModel(CampaignCatalog catalog, ReachTotals totals) : CampaignsAdminPage
{
    public IReadOnlyList<CampaignEntry> Campaigns { get; private set; } = [];
    public IReadOnlyDictionary<string, ReachFigures> Figures { get; private set; } = new Dictionary<string, ReachFigures>();

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadReporterAsync();
        if (!Reporter.MayView) return Denied();
        Campaigns = await catalog.PublishedAsync(HttpContext.RequestAborted);
        Figures = await totals.ByCampaignAsync(HttpContext.RequestAborted);
        return Page();
    }
}
