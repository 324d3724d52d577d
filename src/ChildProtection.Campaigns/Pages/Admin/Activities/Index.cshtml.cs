using ChildProtection.Campaigns.Data;
using ChildProtection.Campaigns.Parts;
using ChildProtection.Campaigns.Public;
using ChildProtection.Campaigns.Reach;
using Microsoft.AspNetCore.Mvc;

namespace ChildProtection.Campaigns.Pages.Admin.Activities;

/// <summary>
/// Where a school, ward or office reports: the campaigns that have begun (running ones first) with a button to
/// report an activity, and the organisation's reports as they stand. An editor sees the latest reports of everyone.
/// </summary>
public sealed class IndexModel(CampaignCatalog catalog, ReachReports reports) : CampaignsAdminPage
{
    public const int RecentCount = 50;

    public IReadOnlyList<CampaignEntry> Open { get; private set; } = [];
    public IReadOnlyList<ReachReport> Recent { get; private set; } = [];
    public IReadOnlyDictionary<string, string> CampaignTitles { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadReporterAsync();
        if (!Reporter.MayReport) return Denied();
        var all = await catalog.PublishedAsync(HttpContext.RequestAborted);
        CampaignTitles = all.ToDictionary(c => c.Item.ContentItemId, c => c.Item.DisplayText);
        // A campaign that has not begun has nothing to report yet.
        Open = all.Where(c => c.Status != CampaignStatus.Upcoming).ToList();
        if (Reporter.MayActForOthers) Recent = await reports.RecentAsync(null, RecentCount, HttpContext.RequestAborted);
        else if (Reporter.Organisation is { } org) Recent = await reports.RecentAsync(org.Id, RecentCount, HttpContext.RequestAborted);
        return Page();
    }
}
