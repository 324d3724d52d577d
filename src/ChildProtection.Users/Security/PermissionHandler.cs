using System.Security.Claims;
using ChildProtection.Core.Security;
using Microsoft.AspNetCore.Authorization;

namespace ChildProtection.Users.Security;

/// <summary>
/// Answers every <see cref="PermissionRequirement"/>: granted when one of the user's roles holds the
/// permission or one that implies it. Signed-in users also have "Authenticated"; visitors only
/// "Anonymous"; "Administrator" has everything.
/// </summary>
internal sealed class PermissionHandler(RolePermissionCache cache, PermissionCatalog catalog) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        var roles = RolesOf(context.User);
        if (roles.Contains(RoleNames.Administrator))
        {
            context.Succeed(requirement);
            return;
        }
        var granting = await catalog.GetGrantingNamesAsync(requirement.Permission);
        var rolePermissions = await cache.GetAsync();
        foreach (var role in roles)
        {
            if (rolePermissions.TryGetValue(role, out var held) && held.Overlaps(granting))
            {
                context.Succeed(requirement);
                return;
            }
        }
    }

    public static IReadOnlySet<string> RolesOf(ClaimsPrincipal? user)
    {
        var roles = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var identities = user?.Identities.Where(i => i.IsAuthenticated).ToList() ?? [];
        if (identities.Count == 0)
        {
            roles.Add(RoleNames.Anonymous);
            return roles;
        }
        roles.Add(RoleNames.Authenticated);
        foreach (var identity in identities)
            foreach (var claim in identity.FindAll(identity.RoleClaimType))
                roles.Add(claim.Value);
        return roles;
    }
}
