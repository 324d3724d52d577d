using ChildProtection.Users.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Users.Security;

/// <summary>
/// Role name → permission names, read once and kept in memory because every permission check needs it.
/// Changes made on this node invalidate it at once; the short lifetime bounds how long another web node
/// keeps an old copy after a role changed there.
/// </summary>
public sealed class RolePermissionCache(IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    private sealed record Snapshot(IReadOnlyDictionary<string, IReadOnlySet<string>> Roles, DateTimeOffset LoadedAt);

    private volatile Snapshot? snapshot;
    private int generation;

    public async Task<IReadOnlyDictionary<string, IReadOnlySet<string>>> GetAsync(CancellationToken cancellationToken = default)
    {
        var current = snapshot;
        if (current is not null && clock.GetUtcNow() - current.LoadedAt < Lifetime) return current.Roles;

        var startedAt = Volatile.Read(ref generation);
        var loaded = await LoadAsync(cancellationToken);
        // A change that happened while loading must not be hidden by the copy read before it.
        if (Volatile.Read(ref generation) == startedAt) snapshot = new Snapshot(loaded, clock.GetUtcNow());
        return loaded;
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        snapshot = null;
    }

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
