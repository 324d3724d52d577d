using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace ChildProtection.Core.Security;

/// <summary>
/// A named right, declared in code by the module that needs it. Roles are data: a role holds a list of
/// permission names. <see cref="ImpliedBy"/> lets a broader permission grant a narrower one.
/// </summary>
public sealed record Permission(string Name, string Description, params Permission[] ImpliedBy)
{
    public string Category { get; init; } = "Content";
    public override string ToString() => Name;
}

/// <summary>Which roles a module's permissions go to on a fresh site (the Roles step can change that).</summary>
public sealed record PermissionStereotype(string RoleName, IReadOnlyList<Permission> Permissions);

public interface IPermissionProvider
{
    Task<IEnumerable<Permission>> GetPermissionsAsync();
    IEnumerable<PermissionStereotype> GetDefaultStereotypes() => [];
}

/// <summary>Asks "may this user do that" through ASP.NET Core authorization; the Users module answers it.</summary>
public sealed class PermissionRequirement(Permission permission) : IAuthorizationRequirement
{
    public Permission Permission { get; } = permission;
}

public static class AuthorizationServiceExtensions
{
    public static async Task<bool> AuthorizeAsync(this IAuthorizationService service, ClaimsPrincipal user, Permission permission)
        => (await service.AuthorizeAsync(user, null, new PermissionRequirement(permission))).Succeeded;
}
