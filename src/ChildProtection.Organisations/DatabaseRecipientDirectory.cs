using System.Runtime.CompilerServices;
using System.Linq.Expressions;
using ChildProtection.Organisations.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Organisations;

/// <summary>
/// <see cref="IRecipientDirectory"/> on the directory's tables. Everything is read as no-tracking
/// projections and streamed, so resolving 100,000 addresses holds rows, not entities; nothing here needs an
/// HTTP request, so Hangfire jobs use it as they are.
/// </summary>
internal sealed class DatabaseRecipientDirectory(DirectoryDbContext db) : IRecipientDirectory
{
    public async Task<IReadOnlyList<RecipientGroupInfo>> ListGroupsAsync(CancellationToken cancellationToken = default)
    {
        var groups = await db.Groups.AsNoTracking().OrderBy(g => g.Name).ToListAsync(cancellationToken);
        var today = VietnamToday;
        var list = new List<RecipientGroupInfo>(groups.Count);
        foreach (var g in groups)
        {
            var count = g.Kind == GroupKind.Rule
                ? await RuleQuery(db, g.ParseRuleKinds(), g.RuleLevel, g.RuleWardId, today).CountAsync(cancellationToken)
                : await db.GroupMembers.CountAsync(m => m.GroupId == g.Id, cancellationToken);
            list.Add(new RecipientGroupInfo(g.Id, g.Name, g.Description, g.Kind == GroupKind.Rule, count));
        }
        return list;
    }

    public async Task<IReadOnlyList<OrganisationInfo>> FindOrganisationsAsync(string? search, int take, CancellationToken cancellationToken = default)
    {
        var today = VietnamToday;
        var query = Search(db.Organisations.AsNoTracking(), search);
        // Valid ones first: a sender picking "Phường Phú Lợi" wants the unit that exists now.
        var rows = await Project(query
                .OrderBy(o => (o.ValidFrom == null || o.ValidFrom <= today) && (o.ValidTo == null || o.ValidTo >= today) ? 0 : 1)
                .ThenBy(o => o.NameKey).ThenBy(o => o.Code)
                .Take(Math.Clamp(take, 0, 1000)))
            .ToListAsync(cancellationToken);
        return rows;
    }

    public async Task<IReadOnlyList<OrganisationInfo>> GetOrganisationsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0) return [];
        var list = ids.Distinct().ToList();
        return await Project(db.Organisations.AsNoTracking().Where(o => list.Contains(o.Id)).OrderBy(o => o.NameKey)).ToListAsync(cancellationToken);
    }

    public async Task<OrganisationInfo?> GetOrganisationAsync(int id, CancellationToken cancellationToken = default) =>
        id <= 0 ? null : await Project(db.Organisations.AsNoTracking().Where(o => o.Id == id)).FirstOrDefaultAsync(cancellationToken);

    public async Task<OrganisationInfo?> GetOrganisationByCodeAsync(string code, CancellationToken cancellationToken = default)
    {
        var wanted = Organisation.NormalizeCode(code);
        return wanted.Length == 0 ? null : await Project(db.Organisations.AsNoTracking().Where(o => o.Code == wanted)).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<RecipientResolution> ResolveAsync(RecipientSelection selection, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var refused = await FindRefusedAsync(selection, asOf, cancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var recipients = new List<DirectoryRecipient>();
        var undeliverable = new List<SkippedRecipient>();
        var duplicates = 0;
        await foreach (var row in RowsAsync(selection, asOf, cancellationToken))
        {
            // Normalized is stored lower-case and trimmed; normalising again keeps the promise even for rows
            // written by hand into the database.
            if (!seen.Add(EmailAddresses.Normalize(row.Normalized))) duplicates++;
            else if (row.UndeliverableSinceUtc is { } since)
                undeliverable.Add(new SkippedRecipient(row.Address.Trim(), row.ContactName, row.OrganisationId, row.Name, since, row.UndeliverableReason));
            else recipients.Add(ToRecipient(row));
        }
        return new RecipientResolution(recipients, refused, duplicates) { Undeliverable = undeliverable };
    }

    public async IAsyncEnumerable<DirectoryRecipient> StreamRecipientsAsync(RecipientSelection selection, DateOnly asOf,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in RowsAsync(selection, asOf, cancellationToken))
            if (row.UndeliverableSinceUtc is null) yield return ToRecipient(row);
    }

    public async Task<IReadOnlyList<RefusedOrganisation>> FindRefusedAsync(RecipientSelection selection, DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var refused = new List<RefusedOrganisation>();
        var refusedIds = new HashSet<int>();
        async Task RefuseInvalidAsync(IQueryable<Organisation> chosen, int? viaGroupId)
        {
            var invalid = await chosen.Where(Invalid(asOf))
                .Select(o => new { o.Id, o.Code, o.Name, o.SuccessorId, SuccessorName = db.Organisations.Where(s => s.Id == o.SuccessorId).Select(s => s.Name).FirstOrDefault() })
                .OrderBy(o => o.Code)
                .ToListAsync(cancellationToken);
            foreach (var o in invalid)
                if (refusedIds.Add(o.Id)) refused.Add(new RefusedOrganisation(o.Id, o.Code, o.Name, o.SuccessorId, o.SuccessorName, viaGroupId));
        }

        var orgIds = selection.OrganisationIds.Distinct().ToList();
        if (orgIds.Count > 0) await RefuseInvalidAsync(db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)), null);
        // Rule-based groups match valid organisations only: nothing of theirs is ever refused.
        foreach (var group in await GroupsInOrderAsync(selection, cancellationToken))
            if (group.Kind != GroupKind.Rule) await RefuseInvalidAsync(Named(group.Id), group.Id);
        return refused;
    }

    /// <summary>
    /// Every address row the selection reaches, duplicates included: organisations chosen directly first
    /// (by code), then each group in the caller's order — the first group naming an address is the one that "has" it.
    /// </summary>
    private async IAsyncEnumerable<EmailRow> RowsAsync(RecipientSelection selection, DateOnly asOf, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var orgIds = selection.OrganisationIds.Distinct().ToList();
        if (orgIds.Count > 0)
        {
            var chosen = db.Organisations.AsNoTracking().Where(o => orgIds.Contains(o.Id)).Where(Valid(asOf));
            await foreach (var row in Emails(chosen).AsAsyncEnumerable().WithCancellation(cancellationToken)) yield return row;
        }
        foreach (var group in await GroupsInOrderAsync(selection, cancellationToken))
        {
            var members = group.Kind == GroupKind.Rule
                ? RuleQuery(db, group.ParseRuleKinds(), group.RuleLevel, group.RuleWardId, asOf)
                : Named(group.Id).Where(Valid(asOf));
            await foreach (var row in Emails(members).AsAsyncEnumerable().WithCancellation(cancellationToken)) yield return row;
        }
    }

    private async Task<List<RecipientGroup>> GroupsInOrderAsync(RecipientSelection selection, CancellationToken cancellationToken)
    {
        var groupIds = selection.GroupIds.Distinct().ToList();
        var groups = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToListAsync(cancellationToken);
        return groups.OrderBy(g => groupIds.IndexOf(g.Id)).ToList();
    }

    private IQueryable<Organisation> Named(int groupId) =>
        db.Organisations.AsNoTracking().Where(o => db.GroupMembers.Any(m => m.GroupId == groupId && m.OrganisationId == o.Id));

    private static DirectoryRecipient ToRecipient(EmailRow row) => new(row.Address.Trim(), row.ContactName, row.OrganisationId, row.Code, row.Name);

    /// <summary>Today in Vietnam (UTC+7, no daylight saving): validity is by the local calendar day.</summary>
    internal static DateOnly VietnamToday => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    private sealed record EmailRow(string Address, string Normalized, string? ContactName, int OrganisationId, string Code, string Name,
        DateTime? UndeliverableSinceUtc, string? UndeliverableReason);

    private IQueryable<EmailRow> Emails(IQueryable<Organisation> organisations) =>
        from o in organisations
        join c in db.Contacts.AsNoTracking() on o.Id equals c.OrganisationId
        join e in db.ContactEmails.AsNoTracking() on c.Id equals e.ContactId
        orderby o.Code, c.Id, e.Id
        select new EmailRow(e.Address, e.Normalized, c.Name, o.Id, o.Code, o.Name, e.UndeliverableSinceUtc, e.UndeliverableReason);

    internal static Expression<Func<Organisation, bool>> Valid(DateOnly day) =>
        o => (o.ValidFrom == null || o.ValidFrom <= day) && (o.ValidTo == null || o.ValidTo >= day);

    internal static Expression<Func<Organisation, bool>> Invalid(DateOnly day) =>
        o => (o.ValidFrom != null && o.ValidFrom > day) || (o.ValidTo != null && o.ValidTo < day);

    /// <summary>The organisations a rule matches on <paramref name="asOf"/>: valid ones only. No kinds means every kind.</summary>
    internal static IQueryable<Organisation> RuleQuery(DirectoryDbContext db, IReadOnlyList<OrganisationKind> kinds, SchoolLevel? level, int? wardId, DateOnly asOf)
    {
        var query = db.Organisations.AsNoTracking().Where(Valid(asOf));
        if (kinds.Count > 0)
        {
            var list = kinds.ToList();
            query = query.Where(o => list.Contains(o.Kind));
        }
        if (level is { } l) query = query.Where(o => o.Level == l);
        // "Everything in ward X" includes the ward's own office: it is where a ward-level notice is answered.
        if (wardId is { } w) query = query.Where(o => o.WardId == w || o.Id == w);
        return query;
    }

    /// <summary>Code or folded name contains the folded term.</summary>
    internal static IQueryable<Organisation> Search(IQueryable<Organisation> query, string? search)
    {
        var term = TextFolding.Fold(search);
        if (term.Length == 0) return query;
        var code = term.ToUpperInvariant();
        return query.Where(o => o.NameKey.Contains(term) || o.Code.Contains(code));
    }

    private IQueryable<OrganisationInfo> Project(IQueryable<Organisation> query) =>
        query.Select(o => new OrganisationInfo(o.Id, o.Code, o.Name, o.Kind, o.Level,
            db.Organisations.Where(w => w.Id == o.WardId).Select(w => w.Name).FirstOrDefault(),
            o.ValidFrom, o.ValidTo, o.SuccessorId,
            db.Organisations.Where(s => s.Id == o.SuccessorId).Select(s => s.Name).FirstOrDefault())
        {
            WardCode = db.Organisations.Where(w => w.Id == o.WardId).Select(w => w.Code).FirstOrDefault(),
        });
}
