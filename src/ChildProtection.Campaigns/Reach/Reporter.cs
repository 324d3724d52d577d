using System.Security.Claims;
using ChildProtection.Core.Security;
using ChildProtection.Organisations;
using Microsoft.AspNetCore.Authorization;

namespace ChildProtection.Campaigns.Reach;

/// <summary>
/// Who reports: the account, whether it may act for anyone (<see cref="CampaignPermissions.ManageCampaignReach"/>),
/// and the directory organisation its sign-in speaks for (<see cref="SiteClaims.Organisation"/>), if any.
/// </summary>
public sealed record Reporter(string? UserName, bool MayActForOthers, bool MayReport, bool MayView, OrganisationInfo? Organisation)
{
    public static async Task<Reporter> FromAsync(ClaimsPrincipal user, IAuthorizationService authorization, IRecipientDirectory? directory, CancellationToken cancellationToken)
    {
        var manage = await authorization.AuthorizeAsync(user, CampaignPermissions.ManageCampaignReach);
        var report = manage || await authorization.AuthorizeAsync(user, CampaignPermissions.ReportCampaignReach);
        var view = manage || await authorization.AuthorizeAsync(user, CampaignPermissions.ViewCampaignReach);
        var organisationId = SiteClaims.OrganisationOf(user);
        var organisation = organisationId > 0 && directory is not null ? await directory.GetOrganisationAsync(organisationId, cancellationToken) : null;
        return new Reporter(user.Identity?.Name, manage, report, view, organisation);
    }

    /// <summary>May see (and, with <see cref="MayReport"/>, correct) this report: it is the account's own organisation's, or the account acts for anyone.</summary>
    public bool Owns(Data.ReachReport report) =>
        MayActForOthers || (Organisation is { } o && report.OrganisationId == o.Id);

    /// <summary>The ward a report of this account must name when the account's organisation decides it: a ward office its own, a school its ward.</summary>
    public string? FixedWardCode =>
        MayActForOthers || Organisation is null ? null
        : Organisation.Kind is OrganisationKind.Ward or OrganisationKind.Commune ? Organisation.Code
        : Organisation.Kind == OrganisationKind.School ? Organisation.WardCode
        : null;
}
