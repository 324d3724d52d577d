using ChildProtection.Core.Security;

namespace ChildProtection.Campaigns;

/// <summary>
/// Who may report what a campaign reached, and who may see the totals. A school or ward account reports for
/// the organisation its sign-in names (<see cref="SiteClaims.Organisation"/>); an editor reports and corrects
/// on anyone's behalf; the offices that follow the campaigns see the totals and export them.
/// </summary>
public static class CampaignPermissions
{
    /// <summary>Enter, correct and withdraw any report, for any ward or organisation (implies the two below).</summary>
    public static readonly Permission ManageCampaignReach = new("ManageCampaignReach", "Report and correct campaign activities on behalf of any school, ward or office") { Category = "Campaigns" };

    /// <summary>Report activities for one's own organisation (the school or ward the account speaks for) and correct them.</summary>
    public static readonly Permission ReportCampaignReach = new("ReportCampaignReach", "Report campaign activities for one's own school, ward or office", ManageCampaignReach) { Category = "Campaigns" };

    /// <summary>See every report, the totals per campaign and ward with their charts, and export them.</summary>
    public static readonly Permission ViewCampaignReach = new("ViewCampaignReach", "See and export the reach of campaigns", ManageCampaignReach) { Category = "Campaigns" };

    public static readonly Permission[] All = [ManageCampaignReach, ReportCampaignReach, ViewCampaignReach];
}

internal sealed class CampaignPermissionProvider : IPermissionProvider
{
    public Task<IEnumerable<Permission>> GetPermissionsAsync() => Task.FromResult<IEnumerable<Permission>>(CampaignPermissions.All);

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new("Administrator", CampaignPermissions.All),
        new("Editor", [CampaignPermissions.ManageCampaignReach]),
        new("Reviewer", [CampaignPermissions.ManageCampaignReach]),
        new("NoticeSender", [CampaignPermissions.ViewCampaignReach]),
        new("SchoolUser", [CampaignPermissions.ReportCampaignReach]),
    ];
}
