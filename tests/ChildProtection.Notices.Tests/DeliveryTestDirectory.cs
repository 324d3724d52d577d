using System.Collections.Concurrent;
using ChildProtection.Organisations;

namespace ChildProtection.Notices.Tests;

/// <summary>
/// The directory as the delivery tests need it: groups of generated schools, one e-mail each, set up by
/// the test itself. The directory is not what these tests test (it has its own tests) — they test that
/// whatever it resolves is written to the ledger and delivered once; pinning its answers keeps them about that.
/// </summary>
public sealed class DeliveryTestDirectory(DeliveryDirectoryData data) : IRecipientDirectory
{
    public Task<IReadOnlyList<RecipientGroupInfo>> ListGroupsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<RecipientGroupInfo>>(data.Groups.Select(g => new RecipientGroupInfo(g.Key, $"Nhóm {g.Key}", null, false, g.Value.Count)).ToList());

    public Task<IReadOnlyList<OrganisationInfo>> FindOrganisationsAsync(string? search, int take, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<OrganisationInfo>>([]);

    public Task<IReadOnlyList<OrganisationInfo>> GetOrganisationsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<OrganisationInfo>>([]);

    public Task<RecipientResolution> ResolveAsync(RecipientSelection selection, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        data.LastAsOf = asOf;
        var recipients = selection.GroupIds.SelectMany(g => data.Groups.TryGetValue(g, out var list) ? list : []).ToList();
        var refused = selection.OrganisationIds.Where(data.Invalid.ContainsKey).Select(id => data.Invalid[id]).ToList();
        return Task.FromResult(new RecipientResolution(recipients, refused, 0));
    }
}

/// <summary>What the test directory answers; a singleton of the test host the tests fill in.</summary>
public sealed class DeliveryDirectoryData
{
    private int nextGroup = 100;

    public ConcurrentDictionary<int, IReadOnlyList<DirectoryRecipient>> Groups { get; } = new();
    public ConcurrentDictionary<int, RefusedOrganisation> Invalid { get; } = new();
    public DateOnly? LastAsOf { get; set; }

    /// <summary>A new group with one school per address given (the addresses chosen by the test: their domains matter).</summary>
    public (int GroupId, IReadOnlyList<DirectoryRecipient> Recipients) AddAddresses(IEnumerable<string> emails)
    {
        var id = Interlocked.Increment(ref nextGroup);
        var list = emails.Select((e, i) => new DirectoryRecipient(e, $"Hiệu trưởng Trường số {i + 1}", id * 10_000 + i + 1, $"T{id}-{i + 1}", $"Trường Trung học cơ sở số {i + 1}")).ToList();
        Groups[id] = list;
        return (id, list);
    }

    /// <summary>A new group of <paramref name="count"/> primary schools with one address each (unique to the group).</summary>
    public (int GroupId, IReadOnlyList<DirectoryRecipient> Recipients) AddSchools(int count)
    {
        var id = Interlocked.Increment(ref nextGroup);
        var list = Enumerable.Range(1, count)
            .Select(i => new DirectoryRecipient($"hieutruong{i}@th{i}-nhom{id}.example.edu.vn", $"Hiệu trưởng Trường Tiểu học số {i}", id * 10_000 + i, $"TH{id}-{i}", $"Trường Tiểu học Đống Đa số {i}"))
            .ToList();
        Groups[id] = list;
        return (id, list);
    }
}
