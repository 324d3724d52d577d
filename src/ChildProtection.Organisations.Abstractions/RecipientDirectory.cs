// The contract lives in its own assembly and namespace: a namespace named ChildProtection.Directory would
// shadow System.IO.Directory in every ChildProtection.* namespace that references it.
namespace ChildProtection.Organisations;

/// <summary>
/// The directory's public contract: what the Notices module (and later event registrations) may ask of
/// it. Everything else in this project is the directory's own business.
/// </summary>
public interface IRecipientDirectory
{
    Task<IReadOnlyList<RecipientGroupInfo>> ListGroupsAsync(CancellationToken cancellationToken = default);

    /// <summary>Organisations whose code or name contains <paramref name="search"/> (diacritics-insensitive), valid ones first.</summary>
    Task<IReadOnlyList<OrganisationInfo>> FindOrganisationsAsync(string? search, int take, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OrganisationInfo>> GetOrganisationsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken = default);

    /// <summary>One organisation by id (valid or not), or null when the directory has none with that id.</summary>
    /// <remarks>The default asks <see cref="GetOrganisationsAsync"/>; the database directory reads one row.</remarks>
    async Task<OrganisationInfo?> GetOrganisationAsync(int id, CancellationToken cancellationToken = default) =>
        id <= 0 ? null : (await GetOrganisationsAsync([id], cancellationToken)).FirstOrDefault(o => o.Id == id);

    /// <summary>One organisation by its code (compared without regard to case or surrounding spaces), or null.</summary>
    /// <remarks>The default searches with <see cref="FindOrganisationsAsync"/>; the database directory reads the unique code index.</remarks>
    async Task<OrganisationInfo?> GetOrganisationByCodeAsync(string code, CancellationToken cancellationToken = default)
    {
        var wanted = code.Trim();
        if (wanted.Length == 0) return null;
        return (await FindOrganisationsAsync(wanted, 1000, cancellationToken)).FirstOrDefault(o => string.Equals(o.Code, wanted, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Every e-mail the selection reaches on <paramref name="asOf"/> except those flagged undeliverable
    /// (listed in <see cref="RecipientResolution.Undeliverable"/>), each address once however many groups
    /// or organisations name it (compared case-insensitively, trimmed). Organisations chosen directly, or
    /// named by a fixed group, that are not valid on that day come back in
    /// <see cref="RecipientResolution.Refused"/> with their successor; rule-based groups simply match
    /// valid organisations only.
    /// </summary>
    Task<RecipientResolution> ResolveAsync(RecipientSelection selection, DateOnly asOf, CancellationToken cancellationToken = default);

    /// <summary>The organisations <see cref="ResolveAsync"/> would report as refused, without reading any address.</summary>
    /// <remarks>The default asks <see cref="ResolveAsync"/>; the database directory answers without reading addresses.</remarks>
    async Task<IReadOnlyList<RefusedOrganisation>> FindRefusedAsync(RecipientSelection selection, DateOnly asOf, CancellationToken cancellationToken = default) =>
        (await ResolveAsync(selection, asOf, cancellationToken)).Refused;

    /// <summary>
    /// The addresses <see cref="ResolveAsync"/> would return (undeliverable ones left out), in the same order, as the database yields
    /// them — without holding them all and WITHOUT removing duplicates: for writing a delivery ledger of
    /// any size in flat memory, where the ledger's unique key keeps the first occurrence of each address.
    /// </summary>
    /// <remarks>The default walks <see cref="ResolveAsync"/>'s list (small directories, tests); the database directory streams.</remarks>
    async IAsyncEnumerable<DirectoryRecipient> StreamRecipientsAsync(RecipientSelection selection, DateOnly asOf,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var recipient in (await ResolveAsync(selection, asOf, cancellationToken)).Recipients) yield return recipient;
    }
}

public enum OrganisationKind { School, Ward, Commune, Agency }

public enum SchoolLevel { Preschool, Primary, LowerSecondary, UpperSecondary, Other }

public sealed record RecipientSelection(IReadOnlyList<int> GroupIds, IReadOnlyList<int> OrganisationIds);

public sealed record RecipientGroupInfo(int Id, string Name, string? Description, bool IsRuleBased, int OrganisationCount);

public sealed record OrganisationInfo(
    int Id, string Code, string Name, OrganisationKind Kind, SchoolLevel? Level, string? WardName,
    DateOnly? ValidFrom, DateOnly? ValidTo, int? SuccessorId, string? SuccessorName)
{
    /// <summary>The directory code of the ward or commune a school belongs to (beside <see cref="WardName"/>), when it has one.</summary>
    public string? WardCode { get; init; }

    public bool IsValidOn(DateOnly day) => (ValidFrom is null || ValidFrom <= day) && (ValidTo is null || ValidTo >= day);

    /// <summary>"Name (CODE)": how pickers and reports name it; the code in the brackets tells apart schools that share a name.</summary>
    public string Label => $"{Name} ({Code})";
}

/// <summary>One address to write to, with the organisation it speaks for as it is named today (a snapshot for the ledger).</summary>
public sealed record DirectoryRecipient(string Email, string? ContactName, int OrganisationId, string OrganisationCode, string OrganisationName);

/// <summary>An organisation that cannot receive on the day asked; <see cref="ViaGroupId"/> is set when a fixed group named it.</summary>
public sealed record RefusedOrganisation(int OrganisationId, string Code, string Name, int? SuccessorId, string? SuccessorName, int? ViaGroupId);

public sealed record RecipientResolution(IReadOnlyList<DirectoryRecipient> Recipients, IReadOnlyList<RefusedOrganisation> Refused, int DuplicatesRemoved)
{
    /// <summary>Addresses the selection names but that are not in <see cref="Recipients"/>: flagged undeliverable (each once).</summary>
    public IReadOnlyList<SkippedRecipient> Undeliverable { get; init; } = [];
}
