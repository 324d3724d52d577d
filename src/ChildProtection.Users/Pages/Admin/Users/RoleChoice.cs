using System.Security.Claims;
using ChildProtection.Users.Roles;
using ChildProtection.Users.Security;

namespace ChildProtection.Users.Pages.Admin.Users;

/// <summary>
/// Which roles the signed-in user may hand out. Holding ManageUsers is not enough to make someone an
/// Administrator: only an Administrator can grant or take away that role, or change an Administrator's account.
/// </summary>
public static class RoleChoice
{
    public static bool IsAdministrator(ClaimsPrincipal user) => PermissionHandler.RolesOf(user).Contains(RoleNames.Administrator);

    public static IReadOnlyList<RoleInfo> Assignable(IEnumerable<RoleInfo> roles) =>
        roles.Where(r => RoleNames.IsAssignable(r.Name)).ToList();

    public static bool MayChange(ClaimsPrincipal actor, string role) =>
        IsAdministrator(actor) || !string.Equals(role, RoleNames.Administrator, StringComparison.OrdinalIgnoreCase);
}
