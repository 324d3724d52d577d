using ChildProtection.Core.Caching;
using ChildProtection.Users.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Users.Security;

/// <summary>
/// Role name → permission names, read once and kept in the tagged value cache because every permission
/// check needs it. A role change evicts it on every node at once (in scale-out mode through the eviction
/// broadcast): a permission taken away is gone everywhere, not after a lifetime. The lifetime only bounds
/// changes made by another process without the site (the recipe command line).
/// </summary>
public sealed class RolePermissionCache(IServiceScopeFactory scopes, ITaggedCache cache, IPublicPageCache evictions)
{
    private const string Tag = "roles:permissions";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    public async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> GetAsync(CancellationToken cancellationToken = default) =>
        (await cache.GetOrCreateAsync<IReadOnlyDictionary<string, IReadOnlySet<string>>>(Tag, [Tag], Lifetime, async () => await LoadAsync(cancellationToken), _ => 8))!;

    /// <summary>After a role's permissions, or the roles themselves, changed: every node reads them again.</summary>
    public Task InvalidateAsync() => evictions.EvictAsync([Tag], CancellationToken.None);

    private async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();
        var rows = await (from claim in db.RoleClaims.AsNoTracking()
                          join role in db.Roles.AsNoTracking() on claim.RoleId equals role.Id
                          where claim.ClaimType == PermissionClaim.Type
                          select new { role.Name, claim.ClaimValue }).ToListAsync(cancellationToken);
        return rows
            .Where(r => r.Name is not null && r.ClaimValue is not null)
            .GroupBy(r => r.Name!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(r => r.ClaimValue!).ToHashSet(StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase);
    }
}
