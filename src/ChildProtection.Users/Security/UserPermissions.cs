using ChildProtection.Core.Security;

namespace ChildProtection.Users.Security;

/// <summary>The Users module's own permissions.</summary>
public static class UserPermissions
{
    public static readonly Permission ManageUsers = new("ManageUsers", "Create, edit, lock and delete users") { Category = "Security" };
    public static readonly Permission ManageRoles = new("ManageRoles", "Create, edit and delete roles and their permissions") { Category = "Security" };
    public static readonly Permission ManageApiTokens = new("ManageApiTokens", "Create and revoke API tokens") { Category = "Security" };

    public static readonly Permission[] All = [ManageUsers, ManageRoles, ManageApiTokens];
}

internal sealed class UserPermissionProvider : IPermissionProvider
{
    public Task<IEnumerable<Permission>> GetPermissionsAsync() => Task.FromResult<IEnumerable<Permission>>(UserPermissions.All);

    public IEnumerable<PermissionStereotype> GetDefaultStereotypes() => [new(RoleNames.Administrator, UserPermissions.All)];
}
