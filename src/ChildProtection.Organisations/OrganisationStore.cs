using System.Globalization;
using ChildProtection.Organisations.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Organisations;

/// <summary>What the organisation form posts; text as typed, checked by <see cref="OrganisationStore"/>.</summary>
public sealed class OrganisationForm
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public string? Level { get; set; }
    public int? WardId { get; set; }
    public string? Address { get; set; }
    public string? ValidFrom { get; set; }
    public string? ValidTo { get; set; }
    public string? SuccessorCode { get; set; }
    public List<ContactForm> Contacts { get; set; } = [];
}

public sealed class ContactForm
{
    public int? Id { get; set; }
    public string? Name { get; set; }
    public string? Role { get; set; }
    /// <summary>One or more addresses separated by <c>;</c>, <c>,</c> or spaces.</summary>
    public string? Emails { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Role) && string.IsNullOrWhiteSpace(Emails);
}

public sealed record SaveOutcome(int? Id, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>Checks and saves one organisation with its contacts, and deletes one when nothing depends on it.</summary>
public sealed class OrganisationStore(DirectoryDbContext db, IStringLocalizer<DirectoryText> T)
{
    public static readonly string[] DateFormats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"];

    public static bool TryParseDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return false;
        date = d;
        return true;
    }

    public async Task<SaveOutcome> SaveAsync(int? id, OrganisationForm form, CancellationToken cancellationToken = default)
    {
        var errors = new List<string>();
        Organisation? entity = null;
        if (id is { } existingId)
        {
            entity = await db.Organisations.Include(o => o.Contacts).ThenInclude(c => c.Emails).FirstOrDefaultAsync(o => o.Id == existingId, cancellationToken);
            if (entity is null) return new SaveOutcome(null, [T["This organisation no longer exists."]]);
        }

        var code = Organisation.NormalizeCode(form.Code ?? "");
        if (code.Length == 0) errors.Add(T["Enter the organisation's code."]);
        else if (code.Length > DirectoryLimits.Code) errors.Add(T["The code may have at most {0} characters.", DirectoryLimits.Code]);
        else if (await db.Organisations.AnyAsync(o => o.Code == code && o.Id != (id ?? 0), cancellationToken))
            errors.Add(T["Another organisation already has the code {0}.", code]);

        var name = (form.Name ?? "").Trim();
        if (name.Length == 0) errors.Add(T["Enter the organisation's name."]);
        else if (name.Length > DirectoryLimits.Name) errors.Add(T["The name may have at most {0} characters.", DirectoryLimits.Name]);

        OrganisationKind kind = default;
        if (!Enum.TryParse(form.Kind, out kind) || !Enum.IsDefined(kind)) errors.Add(T["Choose the kind of organisation."]);
        SchoolLevel? level = null;
        if (!string.IsNullOrWhiteSpace(form.Level))
        {
            if (!Enum.TryParse<SchoolLevel>(form.Level, out var l) || !Enum.IsDefined(l)) errors.Add(T["Choose a school level from the list."]);
            else if (kind != OrganisationKind.School) errors.Add(T["Only a school has a school level."]);
            else level = l;
        }

        if (entity is not null && DirectoryTerms.IsWardLike(entity.Kind) && errors.Count == 0 && Enum.IsDefined(kind) && !DirectoryTerms.IsWardLike(kind))
        {
            var wardOfOthers = entity.Id;
            if (await db.Organisations.AnyAsync(o => o.WardId == wardOfOthers, cancellationToken) || await db.Groups.AnyAsync(g => g.RuleWardId == wardOfOthers, cancellationToken))
                errors.Add(T["Organisations or group rules name this ward or commune, so it cannot become another kind. Move them first."]);
        }

        if (form.WardId is { } wardId)
        {
            var ward = await db.Organisations.AsNoTracking().Where(o => o.Id == wardId).Select(o => new { o.Kind }).FirstOrDefaultAsync(cancellationToken);
            if (ward is null || !DirectoryTerms.IsWardLike(ward.Kind)) errors.Add(T["The chosen ward or commune does not exist."]);
            else if (wardId == id) errors.Add(T["An organisation cannot be its own ward."]);
        }

        var address = string.IsNullOrWhiteSpace(form.Address) ? null : form.Address.Trim();
        if (address?.Length > DirectoryLimits.Address) errors.Add(T["The address may have at most {0} characters.", DirectoryLimits.Address]);

        if (!TryParseDate(form.ValidFrom, out var validFrom)) errors.Add(T["\"Valid from\" is not a date (dd/MM/yyyy)."]);
        if (!TryParseDate(form.ValidTo, out var validTo)) errors.Add(T["\"Valid to\" is not a date (dd/MM/yyyy)."]);
        if (validFrom is { } f && validTo is { } t && t < f) errors.Add(T["\"Valid to\" is before \"valid from\"."]);

        int? successorId = null;
        if (!string.IsNullOrWhiteSpace(form.SuccessorCode))
        {
            var successorCode = Organisation.NormalizeCode(form.SuccessorCode);
            var successor = await db.Organisations.AsNoTracking().Where(o => o.Code == successorCode).Select(o => (int?)o.Id).FirstOrDefaultAsync(cancellationToken);
            if (successor is null) errors.Add(T["No organisation has the code {0} (successor).", successorCode]);
            else if (successor == id) errors.Add(T["An organisation cannot succeed itself."]);
            else successorId = successor;
        }

        // Contacts: every address valid, none twice in the form, none belonging to another organisation.
        var contacts = new List<(ContactForm Form, List<string> Emails)>();
        var inForm = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in form.Contacts.Where(c => !c.IsBlank))
        {
            var emails = new List<string>();
            foreach (var e in EmailAddresses.Split(c.Emails))
            {
                if (!EmailAddresses.IsValid(e)) errors.Add(T["\"{0}\" is not a valid e-mail address.", e]);
                else if (!inForm.Add(EmailAddresses.Normalize(e))) errors.Add(T["The address {0} is entered twice.", e]);
                else emails.Add(e);
            }
            if ((c.Name?.Trim().Length ?? 0) > DirectoryLimits.ContactName || (c.Role?.Trim().Length ?? 0) > DirectoryLimits.ContactName)
                errors.Add(T["A contact's name and role may have at most {0} characters each.", DirectoryLimits.ContactName]);
            contacts.Add((c, emails));
        }
        if (inForm.Count > 0)
        {
            var keys = inForm.ToList();
            var taken = await (from e in db.ContactEmails.AsNoTracking()
                               join c in db.Contacts.AsNoTracking() on e.ContactId equals c.Id
                               join o in db.Organisations.AsNoTracking() on c.OrganisationId equals o.Id
                               where keys.Contains(e.Normalized) && o.Id != (id ?? 0)
                               select new { e.Address, o.Code, o.Name }).ToListAsync(cancellationToken);
            foreach (var t2 in taken) errors.Add(T["The address {0} already belongs to {1} ({2}).", t2.Address, t2.Name, t2.Code]);
        }
        if (errors.Count > 0) return new SaveOutcome(id, errors);

        entity ??= db.Organisations.Add(new Organisation()).Entity;
        entity.Code = code;
        entity.SetName(name);
        entity.Kind = kind;
        entity.Level = level;
        entity.WardId = form.WardId;
        entity.Address = address;
        entity.ValidFrom = validFrom;
        entity.ValidTo = validTo;
        entity.SuccessorId = successorId;
        ApplyContacts(entity, contacts);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Checked above, yet someone saved the same code or address in the meantime: say so, save nothing.
            db.ChangeTracker.Clear();
            return new SaveOutcome(id, [T["Someone else saved the same code or e-mail address a moment ago. Check the form and save again."]]);
        }
        return new SaveOutcome(entity.Id, []);
    }

    private void ApplyContacts(Organisation entity, List<(ContactForm Form, List<string> Emails)> contacts)
    {
        var kept = new HashSet<Contact>();
        foreach (var (form, emails) in contacts)
        {
            var contact = form.Id is { } cid ? entity.Contacts.FirstOrDefault(c => c.Id == cid) : null;
            if (contact is null)
            {
                contact = new Contact();
                entity.Contacts.Add(contact);
            }
            kept.Add(contact);
            contact.Name = string.IsNullOrWhiteSpace(form.Name) ? null : form.Name.Trim();
            contact.Role = string.IsNullOrWhiteSpace(form.Role) ? null : form.Role.Trim();
            SetEmails(contact, emails);
        }
        foreach (var gone in entity.Contacts.Where(c => !kept.Contains(c)).ToList())
        {
            entity.Contacts.Remove(gone);
            db.Contacts.Remove(gone);
        }
    }

    /// <summary>Keeps rows for addresses that stay (their ids and history), removes the others, adds the new ones.</summary>
    internal void SetEmails(Contact contact, IEnumerable<string> emails)
    {
        var wanted = emails.Select(e => e.Trim()).ToList();
        var keys = wanted.Select(EmailAddresses.Normalize).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in contact.Emails.Where(e => !keys.Contains(e.Normalized)).ToList())
        {
            contact.Emails.Remove(gone);
            db.ContactEmails.Remove(gone);
        }
        foreach (var e in wanted)
        {
            var key = EmailAddresses.Normalize(e);
            var existing = contact.Emails.FirstOrDefault(x => x.Normalized == key);
            if (existing is null) contact.Emails.Add(new ContactEmail { Address = e, Normalized = key });
            else existing.Address = e;
        }
    }

    /// <summary>Why the organisation cannot be deleted (empty when it can).</summary>
    public async Task<IReadOnlyList<string>> DeleteBlockersAsync(int id, CancellationToken cancellationToken = default)
    {
        var reasons = new List<string>();
        var succeeded = await db.Organisations.AsNoTracking().Where(o => o.SuccessorId == id).OrderBy(o => o.Code).Select(o => o.Code + " " + o.Name).Take(5).ToListAsync(cancellationToken);
        if (succeeded.Count > 0) reasons.Add(T["It is the successor of: {0}. Change their successor first.", string.Join(", ", succeeded)]);
        var inWard = await db.Organisations.AsNoTracking().CountAsync(o => o.WardId == id, cancellationToken);
        if (inWard > 0) reasons.Add(T["{0} organisations are in this ward or commune. Move them first.", inWard]);
        var groups = await (from m in db.GroupMembers.AsNoTracking() join g in db.Groups.AsNoTracking() on m.GroupId equals g.Id where m.OrganisationId == id orderby g.Name select g.Name).ToListAsync(cancellationToken);
        if (groups.Count > 0) reasons.Add(T["It is a member of the groups: {0}. Remove it from them first.", string.Join(", ", groups)]);
        var rules = await db.Groups.AsNoTracking().Where(g => g.RuleWardId == id).OrderBy(g => g.Name).Select(g => g.Name).ToListAsync(cancellationToken);
        if (rules.Count > 0) reasons.Add(T["The rules of the groups {0} name this ward. Change them first.", string.Join(", ", rules)]);
        return reasons;
    }

    public async Task<IReadOnlyList<string>> DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        var reasons = await DeleteBlockersAsync(id, cancellationToken);
        if (reasons.Count > 0) return reasons;
        var entity = await db.Organisations.Include(o => o.Contacts).ThenInclude(c => c.Emails).FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (entity is null) return [T["This organisation no longer exists."]];
        db.Organisations.Remove(entity);
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }
}
