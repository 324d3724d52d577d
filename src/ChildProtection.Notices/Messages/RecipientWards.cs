using ChildProtection.Organisations;

namespace ChildProtection.Notices.Messages;

/// <summary>
/// The ward or commune of each receiving organisation, for the <c>phuong_xa</c> placeholder. The ledger
/// does not keep it, so it is read from the directory, only for notices that use it, once per
/// organisation per lane run or request: a ward itself is its own ward.
/// </summary>
public sealed class RecipientWards(IRecipientDirectory directory)
{
    private readonly Dictionary<int, string?> known = [];

    public async Task LoadAsync(IEnumerable<int> organisationIds, CancellationToken cancellationToken)
    {
        var missing = organisationIds.Where(id => id > 0 && !known.ContainsKey(id)).Distinct().ToList();
        if (missing.Count == 0) return;
        foreach (var o in await directory.GetOrganisationsAsync(missing, cancellationToken))
            known[o.Id] = o.Kind is OrganisationKind.Ward or OrganisationKind.Commune && string.IsNullOrWhiteSpace(o.WardName) ? o.Name : o.WardName;
        // Organisations the directory no longer has: an empty value, not a lookup per message.
        foreach (var id in missing) known.TryAdd(id, null);
    }

    /// <summary>After <see cref="LoadAsync"/> for the id; null when unknown or when the organisation has no ward.</summary>
    public string? For(int organisationId) => known.GetValueOrDefault(organisationId);
}
