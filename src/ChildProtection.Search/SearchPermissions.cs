using ChildProtection.Core.Security;

namespace ChildProtection.Search;

public static class SearchPermissions
{
    /// <summary>See the state of the search index and rebuild it.</summary>
    public static readonly Permission ManageSearchIndex = new("ManageSearchIndex", "See and rebuild the search index") { Category = "Search" };

    public static readonly Permission[] All = [ManageSearchIndex];
}

internal sealed class SearchPermissionProvider : IPermissionProvider
{
    public Task<IEnumerable<Permission>> GetPermissionsAsync() => Task.FromResult<IEnumerable<Permission>>(SearchPermissions.All);

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() => [new("Administrator", SearchPermissions.All)];
}
