using ChildProtection.Organisations;

namespace ChildProtection.Notices.Tests;

/// <summary>
/// A small fixed directory for the authoring tests. The real one (ChildProtection.Organisations) was being
/// written at the same time; these tests are about notices, so they pin the directory's answers: two
/// schools sharing one address (a duplicate to merge), a ward merged away in 2025 with its successor.
/// </summary>
public sealed class AuthoringTestDirectory : IRecipientDirectory
{
    public static readonly OrganisationInfo LeVanTam = new(1, "TH-LVT", "Trường Tiểu học Lê Văn Tám", OrganisationKind.School, SchoolLevel.Primary, "Phường Bến Thành", null, null, null, null);
    public static readonly OrganisationInfo NguyenDu = new(2, "TH-ND", "Trường Tiểu học Nguyễn Du", OrganisationKind.School, SchoolLevel.Primary, "Phường Bến Thành", null, null, null, null);
    public static readonly OrganisationInfo OldWard = new(3, "P-CU", "UBND Phường Phạm Ngũ Lão", OrganisationKind.Ward, null, null, null, new DateOnly(2025, 6, 30), 4, "UBND Phường Bến Thành");
    public static readonly OrganisationInfo NewWard = new(4, "P-BT", "UBND Phường Bến Thành", OrganisationKind.Ward, null, null, new DateOnly(2025, 7, 1), null, null, null);

    /// <summary>A valid unit with no contact address yet: a notice to it alone has no recipient.</summary>
    public static readonly OrganisationInfo NoAddress = new(5, "MN-HS", "Trường Mầm non Hoa Sen", OrganisationKind.School, SchoolLevel.Preschool, "Phường Bến Thành", null, null, null, null);

    private static readonly OrganisationInfo[] All = [LeVanTam, NguyenDu, OldWard, NewWard, NoAddress];

    private static readonly Dictionary<int, (string Email, string Name)[]> Contacts = new()
    {
        [1] = [("hieutruong@levantam.edu.vn", "Cô Lan"), ("vanthu@levantam.edu.vn", "Văn thư")],
        [2] = [("vanthu@nguyendu.edu.vn", "Văn thư"), ("VanThu@LeVanTam.edu.vn", "Văn thư chung")],
        [3] = [("ubnd@phamngulao.gov.vn", "Văn phòng")],
        [4] = [("ubnd@benthanh.gov.vn", "Văn phòng")],
        [5] = [],
    };

    public static readonly RecipientGroupInfo PrimarySchools = new(10, "Tất cả trường tiểu học", null, true, 2);
    public static readonly RecipientGroupInfo Wards = new(11, "Các phường", null, false, 2);

    private static readonly Dictionary<int, int[]> Members = new() { [10] = [1, 2], [11] = [3, 4] };

    public Task<IReadOnlyList<RecipientGroupInfo>> ListGroupsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<RecipientGroupInfo>>([PrimarySchools, Wards]);

    public Task<IReadOnlyList<OrganisationInfo>> FindOrganisationsAsync(string? search, int take, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<OrganisationInfo>>(All.Where(o => string.IsNullOrEmpty(search) || o.Name.Contains(search, StringComparison.OrdinalIgnoreCase) || o.Code.Contains(search, StringComparison.OrdinalIgnoreCase)).Take(take).ToList());

    public Task<IReadOnlyList<OrganisationInfo>> GetOrganisationsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<OrganisationInfo>>(All.Where(o => ids.Contains(o.Id)).ToList());

    public Task<RecipientResolution> ResolveAsync(RecipientSelection selection, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var refused = new List<RefusedOrganisation>();
        var organisations = new List<OrganisationInfo>();
        foreach (var g in selection.GroupIds.Where(Members.ContainsKey))
            foreach (var o in All.Where(o => Members[g].Contains(o.Id)))
            {
                if (o.IsValidOn(asOf)) organisations.Add(o);
                // Only fixed groups report their invalid members; rule-based ones just match valid units.
                else if (g == Wards.Id) refused.Add(new RefusedOrganisation(o.Id, o.Code, o.Name, o.SuccessorId, o.SuccessorName, g));
            }
        foreach (var o in All.Where(o => selection.OrganisationIds.Contains(o.Id)))
        {
            if (o.IsValidOn(asOf)) organisations.Add(o);
            else refused.Add(new RefusedOrganisation(o.Id, o.Code, o.Name, o.SuccessorId, o.SuccessorName, null));
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var recipients = new List<DirectoryRecipient>();
        var duplicates = 0;
        foreach (var o in organisations.DistinctBy(o => o.Id))
            foreach (var (email, name) in Contacts[o.Id])
            {
                if (seen.Add(email.Trim())) recipients.Add(new DirectoryRecipient(email.Trim().ToLowerInvariant(), name, o.Id, o.Code, o.Name));
                else duplicates++;
            }
        return Task.FromResult(new RecipientResolution(recipients, refused, duplicates));
    }
}
