using ChildProtection.Users.Data;
using ChildProtection.Users.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Users.Roles;

/// <summary>A role as the admin screens and the Roles recipe step see it.</summary>
public sealed record RoleInfo(string Id, string Name, string Description, IReadOnlySet<string> Permissions);

/// <summary>
/// Reads and writes roles with their permission claims, and invalidates the permission cache after
/// every change so the next check sees it.
/// </summary>
public sealed class RolePermissionStore(RoleManager<Role> roles, UsersDbContext db, RolePermissionCache cache)
{
    public async Task<IReadOnlyList<RoleInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        var all = await db.Roles.AsNoTracking().OrderBy(r => r.Name).ToListAsync(cancellationToken);
        var claims = await db.RoleClaims.AsNoTracking().Where(c => c.ClaimType == PermissionClaim.Type).ToListAsync(cancellationToken);
        var byRole = claims.GroupBy(c => c.RoleId).ToDictionary(g => g.Key, g => g.Select(c => c.ClaimValue!).ToHashSet(StringComparer.Ordinal));
        return all.Select(r => new RoleInfo(r.Id, r.Name!, r.Description,
            byRole.TryGetValue(r.Id, out var p) ? p : new HashSet<string>(StringComparer.Ordinal))).ToList();
    }

    public async Task<RoleInfo?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        var role = await roles.FindByNameAsync(name);
        if (role is null) return null;
        var held = await db.RoleClaims.AsNoTracking()
            .Where(c => c.RoleId == role.Id && c.ClaimType == PermissionClaim.Type)
            .Select(c => c.ClaimValue!).ToListAsync(cancellationToken);
        return new RoleInfo(role.Id, role.Name!, role.Description, held.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Creates the role when missing; sets its description and exactly these permissions.</summary>
    public async Task<IdentityResult> SaveAsync(string name, string description, IEnumerable<string> permissions, CancellationToken cancellationToken = default)
    {
        var role = await roles.FindByNameAsync(name);
        if (role is null)
        {
            role = new Role(name) { Description = description };
            var created = await roles.CreateAsync(role);
            if (!created.Succeeded) return created;
        }
        else if (role.Description != description)
        {
            role.Description = description;
            var updated = await roles.UpdateAsync(role);
            if (!updated.Succeeded) return updated;
        }

        var wanted = permissions.ToHashSet(StringComparer.Ordinal);
        var current = await db.RoleClaims.Where(c => c.RoleId == role.Id && c.ClaimType == PermissionClaim.Type).ToListAsync(cancellationToken);
        db.RoleClaims.RemoveRange(current.Where(c => !wanted.Contains(c.ClaimValue!)));
        foreach (var permission in wanted.Except(current.Select(c => c.ClaimValue!)))
            db.RoleClaims.Add(new IdentityRoleClaim<string> { RoleId = role.Id, ClaimType = PermissionClaim.Type, ClaimValue = permission });
        await db.SaveChangesAsync(cancellationToken);
        await cache.InvalidateAsync();
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> CreateAsync(string name, string description)
    {
        var result = await roles.CreateAsync(new Role(name.Trim()) { Description = description });
        await cache.InvalidateAsync();
        return result;
    }

    /// <summary>
    /// Deletes a role that is not one of the three built-in ones. Members lose it from the cache at once and
    /// from their cookie at the next security-stamp validation, which re-reads their roles.
    /// </summary>
    public async Task<IdentityResult> DeleteAsync(string name)
    {
        var role = await roles.FindByNameAsync(name);
        if (role is null) return IdentityResult.Success;
        if (RoleNames.IsProtected(role.Name!)) return IdentityResult.Failed(new IdentityError { Code = "ProtectedRole", Description = role.Name! });
        var result = await roles.DeleteAsync(role);
        await cache.InvalidateAsync();
        return result;
    }
}
