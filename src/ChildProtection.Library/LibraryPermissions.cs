using ChildProtection.Core.Security;

namespace ChildProtection.Library;

public static class LibraryPermissions
{
    /// <summary>See and download restricted resources (a collaborators' handbook); everyone else sees nothing of them.</summary>
    public static readonly Permission ViewRestrictedResources = new("ViewRestrictedResources", "View and download restricted training material") { Category = "Library" };
    /// <summary>The download report and its CSV export.</summary>
    public static readonly Permission ViewLibraryReports = new("ViewLibraryReports", "See the download report of training material") { Category = "Library" };

    public static readonly Permission[] All = [ViewRestrictedResources, ViewLibraryReports];
}

internal sealed class LibraryPermissionProvider : IPermissionProvider
{
    public Task<IEnumerable<Permission>> GetPermissionsAsync() => Task.FromResult<IEnumerable<Permission>>(LibraryPermissions.All);

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() =>
    [
        new("Administrator", LibraryPermissions.All),
        new("Editor", LibraryPermissions.All),
        new("Reviewer", LibraryPermissions.All),
    ];
}
