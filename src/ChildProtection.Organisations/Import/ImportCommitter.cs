using ChildProtection.Organisations.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Organisations.Import;

/// <summary>
/// Writes the good rows of a plan in one transaction: every good row, or (on any failure) none. Existing
/// codes are updated; an existing organisation keeps the addresses the row names (wherever they sit among
/// its contacts), loses those it does not, and gains the new ones under the row's contact.
/// </summary>
public sealed class ImportCommitter(DirectoryDbContext db)
{
    public Task<int> CommitAsync(ImportPlan plan, CancellationToken cancellationToken = default) =>
        CommitAsync(plan.Rows.Where(r => r.IsGood).Select(r => r.Record!).ToList(), null, cancellationToken);

    /// <param name="then">More writes in the same transaction (the recipe step's groups), given the ids by code.</param>
    public async Task<int> CommitAsync(List<ImportRecord> records, Func<IReadOnlyDictionary<string, int>, Task>? then, CancellationToken cancellationToken = default)
    {
        if (records.Count == 0 && then is null) return 0;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                var ids = await WriteAsync(records, cancellationToken);
                if (then is not null) await then(ids);
                await transaction.CommitAsync(cancellationToken);
                return records.Count;
            }
            finally
            {
                // Whatever failed, the context must not keep half-applied entities for a later save.
                db.ChangeTracker.Clear();
            }
        });
    }

    private async Task<IReadOnlyDictionary<string, int>> WriteAsync(List<ImportRecord> records, CancellationToken cancellationToken)
    {
        var byCode = new Dictionary<string, Organisation>(StringComparer.Ordinal);
        foreach (var chunk in records.Select(r => r.Code).Chunk(2000))
        {
            var list = chunk.ToList();
            foreach (var o in await db.Organisations.Include(o => o.Contacts).ThenInclude(c => c.Emails).Where(o => list.Contains(o.Code)).AsSplitQuery().ToListAsync(cancellationToken))
                byCode[o.Code] = o;
        }

        // First the organisations themselves, so every code of the file has an id for the references.
        foreach (var record in records)
        {
            if (!byCode.TryGetValue(record.Code, out var entity))
            {
                entity = new Organisation { Code = record.Code };
                db.Organisations.Add(entity);
                byCode[record.Code] = entity;
            }
            entity.SetName(record.Name);
            entity.Kind = record.Kind;
            entity.Level = record.Level;
            entity.Address = record.Address;
            entity.ValidFrom = record.ValidFrom;
            entity.ValidTo = record.ValidTo;
            ApplyContacts(entity, record);
        }
        await db.SaveChangesAsync(cancellationToken);

        var references = records.SelectMany(r => new[] { r.WardCode, r.SuccessorCode }).Where(c => c is not null && !byCode.ContainsKey(c)).Select(c => c!).Distinct().ToList();
        var ids = byCode.ToDictionary(p => p.Key, p => p.Value.Id, StringComparer.Ordinal);
        foreach (var chunk in references.Chunk(2000))
        {
            var list = chunk.ToList();
            foreach (var o in await db.Organisations.AsNoTracking().Where(o => list.Contains(o.Code)).Select(o => new { o.Code, o.Id }).ToListAsync(cancellationToken))
                ids[o.Code] = o.Id;
        }
        foreach (var record in records)
        {
            var entity = byCode[record.Code];
            entity.WardId = record.WardCode is { } w ? ids[w] : null;
            entity.SuccessorId = record.SuccessorCode is { } s ? ids[s] : null;
        }
        await db.SaveChangesAsync(cancellationToken);
        return ids;
    }

    private void ApplyContacts(Organisation entity, ImportRecord record)
    {
        // No contact and no address leaves the contacts as they are: a file listing only names must not wipe addresses.
        if (record.Contacts.Count == 0) return;
        var targets = new List<(Contact Contact, List<string> Emails)>();
        foreach (var wanted in record.Contacts)
        {
            var nameKey = TextFolding.Fold(wanted.Name);
            var target = wanted.Name is null
                ? entity.Contacts.FirstOrDefault()
                : entity.Contacts.FirstOrDefault(c => TextFolding.Fold(c.Name) == nameKey);
            if (target is null)
            {
                target = new Contact { Name = wanted.Name };
                entity.Contacts.Add(target);
            }
            if (wanted.Role is not null) target.Role = wanted.Role;
            targets.Add((target, wanted.Emails));
        }
        var all = record.Emails.ToList();
        if (all.Count == 0) return;

        // An address the organisation already has stays on its contact (moving it would delete and re-insert a
        // unique value in one save); addresses no longer named go; new ones join the contact that names them.
        var keep = all.Select(EmailAddresses.Normalize).ToHashSet(StringComparer.Ordinal);
        var present = new Dictionary<string, ContactEmail>(StringComparer.Ordinal);
        foreach (var contact in entity.Contacts)
            foreach (var email in contact.Emails.ToList())
            {
                if (keep.Contains(email.Normalized)) present[email.Normalized] = email;
                else
                {
                    contact.Emails.Remove(email);
                    db.ContactEmails.Remove(email);
                }
            }
        foreach (var (contact, emails) in targets)
            foreach (var address in emails)
            {
                var key = EmailAddresses.Normalize(address);
                if (present.TryGetValue(key, out var existing)) existing.Address = address.Trim();
                else
                {
                    var added = new ContactEmail { Address = address.Trim(), Normalized = key };
                    contact.Emails.Add(added);
                    present[key] = added;
                }
            }
    }
}
