using ChildProtection.Core.Security;

namespace ChildProtection.Users.Security;

/// <summary>
/// Every permission declared by every module (per request: content types, and so per-type permissions,
/// can change at any time), and which permission names grant a given one.
/// </summary>
public sealed class PermissionCatalog(IEnumerable<IPermissionProvider> providers)
{
    private Dictionary<string, Permission>? byName;

    public async Task<IReadOnlyDictionary<string, Permission>> GetAllAsync()
    {
        if (byName is not null) return byName;
        var all = new Dictionary<string, Permission>(StringComparer.Ordinal);
        foreach (var provider in providers)
            foreach (var permission in await provider.GetPermissionsAsync())
                all.TryAdd(permission.Name, permission);
        return byName = all;
    }

    /// <summary>
    /// The permission itself plus every permission that implies it, transitively. ImpliedBy is read both
    /// from the object asked about and from the declared permission of the same name, because callers
    /// often check with a bare <c>new Permission(name, "")</c> (the admin menu does).
    /// </summary>
    public async Task<IReadOnlySet<string>> GetGrantingNamesAsync(Permission permission)
    {
        var all = await GetAllAsync();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Permission>();
        pending.Push(permission);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (!names.Add(current.Name)) continue;
            foreach (var implying in current.ImpliedBy) pending.Push(implying);
            if (all.TryGetValue(current.Name, out var declared) && !ReferenceEquals(declared, current))
                foreach (var implying in declared.ImpliedBy) pending.Push(implying);
        }
        return names;
    }
}
