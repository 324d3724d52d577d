using ChildProtection.Organisations.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Organisations.Tests;

public sealed class SqliteResolutionTests() : ResolutionTests(postgres: false);

[RequiresPostgres]
public sealed class PostgresResolutionTests() : ResolutionTests(postgres: true);

/// <summary>What IRecipientDirectory promises the Notices module: each address once, invalid units refused with their successor, rules on the day asked.</summary>
public abstract class ResolutionTests(bool postgres) : DatabaseTests(postgres)
{
    private static readonly DateOnly Merger = new(2025, 7, 1);
    private static readonly DateOnly Before = new(2025, 3, 15);
    private static readonly DateOnly After = new(2025, 9, 5);

    private sealed record Sample(Organisation NewWard, Organisation OldWard, Organisation Commune, Organisation PrimaryInNew, Organisation PrimaryInCommune, Organisation LowerSecondaryInNew, Organisation MergedSchool);

    private async Task<Sample> SeedAsync()
    {
        var newWard = await Directory.AddAsync("P-TDM", "Phường Thủ Dầu Một", OrganisationKind.Ward, validFrom: Merger, emails: ["vanphong@thudaumot.example.gov.vn"]);
        var oldWard = await Directory.AddAsync("P-PHUCUONG", "Phường Phú Cường", OrganisationKind.Ward, validTo: Merger.AddDays(-1), successorId: newWard.Id, emails: ["vanphong@phucuong.example.gov.vn"]);
        var commune = await Directory.AddAsync("X-BACHDANG", "Xã Bạch Đằng", OrganisationKind.Commune, emails: ["vanphong@bachdang.example.gov.vn"]);
        var primaryInNew = await Directory.AddAsync("TH-PC", "Trường Tiểu học Phú Cường", OrganisationKind.School, SchoolLevel.Primary, newWard.Id,
            emails: ["thphucuong@example.edu.vn", " HieuTruong.THPC@Example.edu.vn "]);
        var primaryInCommune = await Directory.AddAsync("TH-BD", "Trường Tiểu học Bạch Đằng", OrganisationKind.School, SchoolLevel.Primary, commune.Id, emails: ["thbachdang@example.edu.vn"]);
        var lower = await Directory.AddAsync("THCS-NVX", "Trường THCS Nguyễn Viết Xuân", OrganisationKind.School, SchoolLevel.LowerSecondary, newWard.Id, emails: ["thcsnvx@example.edu.vn"]);
        var merged = await Directory.AddAsync("TH-CU", "Trường Tiểu học cũ", OrganisationKind.School, SchoolLevel.Primary, newWard.Id, validTo: Merger.AddDays(-1), successorId: primaryInNew.Id, emails: ["thcu@example.edu.vn"]);
        return new Sample(newWard, oldWard, commune, primaryInNew, primaryInCommune, lower, merged);
    }

    private Task<RecipientResolution> ResolveAsync(IReadOnlyList<int> groups, IReadOnlyList<int> orgs, DateOnly asOf) =>
        Directory.With<IRecipientDirectory, RecipientResolution>(d => d.ResolveAsync(new RecipientSelection(groups, orgs), asOf));

    [ServiceFact]
    public async Task An_address_reached_through_several_groups_and_directly_comes_once()
    {
        var s = await SeedAsync();
        var fixedGroup = await Directory.AddGroupAsync("Ban chỉ đạo", members: [s.PrimaryInNew.Id, s.NewWard.Id]);
        var primaries = await Directory.AddGroupAsync("Tất cả trường tiểu học", kinds: [OrganisationKind.School], level: SchoolLevel.Primary);

        var result = await ResolveAsync([fixedGroup.Id, primaries.Id, primaries.Id], [s.PrimaryInNew.Id], After);

        var emails = result.Recipients.Select(r => r.Email).ToList();
        Assert.Equal(emails.Count, emails.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(
            new[] { "HieuTruong.THPC@Example.edu.vn", "thbachdang@example.edu.vn", "thphucuong@example.edu.vn", "vanphong@thudaumot.example.gov.vn" },
            emails.Order(StringComparer.Ordinal).ToArray());
        // TH-PC's two addresses were named by the direct choice, the fixed group and the rule: four repeats.
        Assert.Equal(4, result.DuplicatesRemoved);
        var principal = Assert.Single(result.Recipients, r => r.Email == "HieuTruong.THPC@Example.edu.vn");
        Assert.Equal("TH-PC", principal.OrganisationCode);
        Assert.Equal("Trường Tiểu học Phú Cường", principal.OrganisationName);
        Assert.Empty(result.Refused);
    }

    [ServiceFact]
    public async Task Organisations_no_longer_valid_are_refused_with_their_successor_whether_chosen_directly_or_by_a_fixed_group()
    {
        var s = await SeedAsync();
        var fixedGroup = await Directory.AddGroupAsync("Phường cũ và trường cũ", members: [s.MergedSchool.Id, s.Commune.Id]);

        var result = await ResolveAsync([fixedGroup.Id], [s.OldWard.Id], After);

        var ward = Assert.Single(result.Refused, r => r.OrganisationId == s.OldWard.Id);
        Assert.Equal(s.NewWard.Id, ward.SuccessorId);
        Assert.Equal("Phường Thủ Dầu Một", ward.SuccessorName);
        Assert.Null(ward.ViaGroupId);
        var school = Assert.Single(result.Refused, r => r.OrganisationId == s.MergedSchool.Id);
        Assert.Equal(fixedGroup.Id, school.ViaGroupId);
        Assert.Equal("Trường Tiểu học Phú Cường", school.SuccessorName);
        Assert.Equal(["vanphong@bachdang.example.gov.vn"], result.Recipients.Select(r => r.Email).ToArray());
    }

    [ServiceFact]
    public async Task The_stream_for_a_ledger_gives_the_resolution_once_its_first_occurrences_are_kept()
    {
        var s = await SeedAsync();
        var fixedGroup = await Directory.AddGroupAsync("Ban chỉ đạo và trường cũ", members: [s.PrimaryInNew.Id, s.NewWard.Id, s.MergedSchool.Id]);
        var primaries = await Directory.AddGroupAsync("Tất cả trường tiểu học", kinds: [OrganisationKind.School], level: SchoolLevel.Primary);
        var selection = new RecipientSelection([fixedGroup.Id, primaries.Id], [s.PrimaryInNew.Id, s.Commune.Id]);

        var resolved = await ResolveAsync(selection.GroupIds, selection.OrganisationIds, After);
        var streamed = await Directory.With<IRecipientDirectory, List<DirectoryRecipient>>(async d =>
        {
            var list = new List<DirectoryRecipient>();
            await foreach (var r in d.StreamRecipientsAsync(selection, After)) list.Add(r);
            return list;
        });
        var refused = await Directory.With<IRecipientDirectory, IReadOnlyList<RefusedOrganisation>>(d => d.FindRefusedAsync(selection, After));

        // Duplicates are left in the stream (the ledger's unique key drops them); keeping the first of each
        // address gives exactly the resolution, in its order, with the same organisation for each address.
        Assert.Equal(resolved.Recipients.Count + resolved.DuplicatesRemoved, streamed.Count);
        var firsts = streamed.DistinctBy(r => r.Email.Trim().ToLowerInvariant()).ToList();
        Assert.Equal(resolved.Recipients, firsts);
        Assert.Equal(resolved.Refused, refused);
        Assert.Equal(s.MergedSchool.Id, Assert.Single(refused).OrganisationId);
    }

    [ServiceFact]
    public async Task A_notice_dated_before_the_merger_reaches_the_units_as_they_were()
    {
        var s = await SeedAsync();
        var wards = await Directory.AddGroupAsync("Tất cả phường, xã", kinds: [OrganisationKind.Ward, OrganisationKind.Commune]);

        var before = await ResolveAsync([wards.Id], [s.MergedSchool.Id], Before);
        var after = await ResolveAsync([wards.Id], [], After);

        Assert.Equal(["thcu@example.edu.vn", "vanphong@bachdang.example.gov.vn", "vanphong@phucuong.example.gov.vn"], before.Recipients.Select(r => r.Email).Order().ToArray());
        Assert.Empty(before.Refused);
        Assert.Equal(["vanphong@bachdang.example.gov.vn", "vanphong@thudaumot.example.gov.vn"], after.Recipients.Select(r => r.Email).Order().ToArray());
        // Rules match valid organisations only; they do not refuse the others.
        Assert.Empty(after.Refused);
    }

    [ServiceFact]
    public async Task A_rule_for_primary_schools_in_one_ward_matches_only_those()
    {
        var s = await SeedAsync();
        var rule = await Directory.AddGroupAsync("Trường tiểu học phường Thủ Dầu Một", kinds: [OrganisationKind.School], level: SchoolLevel.Primary, wardId: s.NewWard.Id);

        var after = await ResolveAsync([rule.Id], [], After);
        var before = await ResolveAsync([rule.Id], [], Before);

        Assert.Equal([s.PrimaryInNew.Id], after.Recipients.Select(r => r.OrganisationId).Distinct().ToArray());
        Assert.Equal(new[] { s.MergedSchool.Id, s.PrimaryInNew.Id }.Order().ToArray(), before.Recipients.Select(r => r.OrganisationId).Distinct().Order().ToArray());
        var groups = await Directory.With<IRecipientDirectory, IReadOnlyList<RecipientGroupInfo>>(d => d.ListGroupsAsync());
        Assert.True(Assert.Single(groups).IsRuleBased);
    }

    [ServiceFact]
    public async Task Finding_organisations_ignores_diacritics_and_puts_valid_ones_first()
    {
        var s = await SeedAsync();

        var phuCuong = await Directory.With<IRecipientDirectory, IReadOnlyList<OrganisationInfo>>(d => d.FindOrganisationsAsync("phu cuong", 10));
        var bachDang = await Directory.With<IRecipientDirectory, IReadOnlyList<OrganisationInfo>>(d => d.FindOrganisationsAsync("BACH DANG", 10));
        var byCode = await Directory.With<IRecipientDirectory, IReadOnlyList<OrganisationInfo>>(d => d.FindOrganisationsAsync("th-bd", 10));

        Assert.Equal(["TH-PC", "P-PHUCUONG"], phuCuong.Select(o => o.Code).ToArray());
        var old = phuCuong[1];
        Assert.False(old.IsValidOn(DateOnly.FromDateTime(DateTime.UtcNow)));
        Assert.Equal("Phường Thủ Dầu Một", old.SuccessorName);
        Assert.Equal(["TH-BD", "X-BACHDANG"], bachDang.Select(o => o.Code).Order().ToArray());
        Assert.Equal("Xã Bạch Đằng", Assert.Single(byCode).WardName);
        var got = await Directory.With<IRecipientDirectory, IReadOnlyList<OrganisationInfo>>(d => d.GetOrganisationsAsync([s.LowerSecondaryInNew.Id, s.Commune.Id]));
        Assert.Equal(2, got.Count);
    }

    [ServiceFact]
    public async Task Thousands_of_addresses_resolve_without_tracking_entities()
    {
        await using (var scope = Directory.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
            for (var i = 0; i < 3000; i++)
            {
                var o = new Organisation { Code = $"T{i:D5}", Kind = OrganisationKind.School, Level = SchoolLevel.Primary };
                o.SetName($"Trường Tiểu học số {i}");
                o.Contacts.Add(new Contact { Emails = [new ContactEmail { Address = $"t{i}@example.edu.vn", Normalized = $"t{i}@example.edu.vn" }] });
                db.Organisations.Add(o);
            }
            await db.SaveChangesAsync();
        }
        var all = await Directory.AddGroupAsync("Tất cả", kinds: []);
        var primaries = await Directory.AddGroupAsync("Tất cả trường tiểu học", kinds: [OrganisationKind.School], level: SchoolLevel.Primary);

        await using var resolving = Directory.Scope();
        var resolver = resolving.ServiceProvider.GetRequiredService<IRecipientDirectory>();
        var result = await resolver.ResolveAsync(new RecipientSelection([all.Id, primaries.Id], []), After);

        Assert.Equal(3000, result.Recipients.Count);
        Assert.Equal(3000, result.DuplicatesRemoved);
        Assert.Empty(resolving.ServiceProvider.GetRequiredService<DirectoryDbContext>().ChangeTracker.Entries());
    }

    [ServiceFact]
    public async Task An_address_belongs_to_one_organisation_whatever_its_case()
    {
        var s = await SeedAsync();
        var outcome = await Directory.With<OrganisationStore, SaveOutcome>(store => store.SaveAsync(null, new OrganisationForm
        {
            Code = "th-moi", Name = "Trường Tiểu học Mới", Kind = "School", Level = "Primary", WardId = s.NewWard.Id,
            Contacts = [new ContactForm { Name = "Hiệu trưởng", Emails = "hieutruong.thpc@EXAMPLE.edu.vn; moi@example.edu.vn" }],
        }));

        Assert.False(outcome.Succeeded);
        Assert.Contains("Địa chỉ HieuTruong.THPC@Example.edu.vn đã thuộc về Trường Tiểu học Phú Cường (TH-PC).", outcome.Errors);
        Assert.False(await Directory.Db(db => db.Organisations.AnyAsync(o => o.Code == "TH-MOI")));
    }
}
