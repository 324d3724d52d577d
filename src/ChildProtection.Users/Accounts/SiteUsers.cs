using ChildProtection.Core.Security;
using ChildProtection.Users.Data;
using ChildProtection.Users.Security;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Users.Accounts;

/// <summary>Users as other modules address them: by name, or all who hold a permission through one of their roles.</summary>
internal sealed class SiteUsers(UsersDbContext db, PermissionCatalog catalog, TimeProvider clock) : ISiteUsers
{
    public async Task<SiteUser?> FindAsync(string userName, CancellationToken cancellationToken = default)
    {
        var normalized = userName.Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedUserName == normalized)
            .Select(u => new { u.UserName, u.Email, u.LockoutEnd }).FirstOrDefaultAsync(cancellationToken);
        return user is null || user.LockoutEnd > clock.GetUtcNow() ? null : new SiteUser(user.UserName!, user.Email);
    }

    public async Task<IReadOnlyList<SiteUser>> WithPermissionAsync(Permission permission, CancellationToken cancellationToken = default)
    {
        var granting = (await catalog.GetGrantingNamesAsync(permission)).ToList();
        var roleIds = await db.Roles.AsNoTracking()
            .Where(r => r.Name == RoleNames.Administrator
                || db.RoleClaims.Any(c => c.RoleId == r.Id && c.ClaimType == PermissionClaim.Type && granting.Contains(c.ClaimValue!)))
            .Select(r => r.Id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var users = await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)))
            .Select(u => new { u.UserName, u.Email, u.LockoutEnd })
            .ToListAsync(cancellationToken);
        // Lockout compared in memory: SQLite cannot order DateTimeOffset values in a query.
        return users.Where(u => u.LockoutEnd is null || u.LockoutEnd <= now)
            .Select(u => new SiteUser(u.UserName!, u.Email)).OrderBy(u => u.UserName, StringComparer.Ordinal).ToList();
    }
}
