using ChildProtection.Organisations.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Organisations;

public sealed record GroupCount(int Organisations, int Emails);

/// <summary>How many organisations and addresses a group reaches today; counted in the database, never loaded.</summary>
public static class GroupCounts
{
    public static async Task<GroupCount> ForRuleAsync(DirectoryDbContext db, IReadOnlyList<OrganisationKind> kinds, SchoolLevel? level, int? wardId, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var orgs = DatabaseRecipientDirectory.RuleQuery(db, kinds, level, wardId, asOf);
        return new GroupCount(await orgs.CountAsync(cancellationToken), await EmailsOf(db, orgs).CountAsync(cancellationToken));
    }

    public static async Task<GroupCount> ForFixedAsync(DirectoryDbContext db, int groupId, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var orgs = db.Organisations.AsNoTracking().Where(o => db.GroupMembers.Any(m => m.GroupId == groupId && m.OrganisationId == o.Id)).Where(DatabaseRecipientDirectory.Valid(asOf));
        return new GroupCount(await orgs.CountAsync(cancellationToken), await EmailsOf(db, orgs).CountAsync(cancellationToken));
    }

    public static Task<GroupCount> ForGroupAsync(DirectoryDbContext db, RecipientGroup group, DateOnly asOf, CancellationToken cancellationToken = default) =>
        group.Kind == GroupKind.Rule
            ? ForRuleAsync(db, group.ParseRuleKinds(), group.RuleLevel, group.RuleWardId, asOf, cancellationToken)
            : ForFixedAsync(db, group.Id, asOf, cancellationToken);

    // Addresses are unique across the directory, so counting rows counts distinct addresses.
    private static IQueryable<ContactEmail> EmailsOf(DirectoryDbContext db, IQueryable<Organisation> orgs) =>
        from e in db.ContactEmails.AsNoTracking()
        join c in db.Contacts.AsNoTracking() on e.ContactId equals c.Id
        where orgs.Any(o => o.Id == c.OrganisationId)
        select e;
}
