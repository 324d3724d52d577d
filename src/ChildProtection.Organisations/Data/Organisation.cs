using ChildProtection.Organisations;

namespace ChildProtection.Organisations.Data;

/// <summary>A school, ward, commune or office that receives notices. Units merged in a reorganisation keep
/// their row (old notices still name them) with <see cref="ValidTo"/> set and a <see cref="SuccessorId"/>.</summary>
public sealed class Organisation
{
    public int Id { get; set; }
    /// <summary>Trimmed and upper-cased: codes are identifiers, compared without regard to case.</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary><see cref="Name"/> folded (no marks, đ → d, lower case) so a search without diacritics finds it.</summary>
    public string NameKey { get; set; } = "";
    public OrganisationKind Kind { get; set; }
    public SchoolLevel? Level { get; set; }
    /// <summary>The ward or commune the organisation is in.</summary>
    public int? WardId { get; set; }
    public string? Address { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public int? SuccessorId { get; set; }
    public List<Contact> Contacts { get; set; } = [];

    public void SetName(string name)
    {
        Name = name;
        NameKey = TextFolding.Fold(name);
    }

    public static string NormalizeCode(string code) => code.Trim().ToUpperInvariant();
}

/// <summary>A person (or a desk) at an organisation who receives its notices, with one or more addresses.</summary>
public sealed class Contact
{
    public int Id { get; set; }
    public int OrganisationId { get; set; }
    public string? Name { get; set; }
    public string? Role { get; set; }
    public List<ContactEmail> Emails { get; set; } = [];
}

/// <summary>One address; <see cref="Normalized"/> is unique across the directory so no address can speak for two units.</summary>
public sealed class ContactEmail
{
    public int Id { get; set; }
    public int ContactId { get; set; }
    /// <summary>As entered, trimmed.</summary>
    public string Address { get; set; } = "";
    /// <summary>Lower-case: the key that makes an address count once.</summary>
    public string Normalized { get; set; } = "";
    /// <summary>
    /// Set when mail to this address came back as undeliverable for good (a permanent bounce): notices skip
    /// the address until someone fixes it (a new address is a new row) or clears the flag.
    /// </summary>
    public DateTime? UndeliverableSinceUtc { get; set; }
    /// <summary>What the returned mail said (the status code and the server's words), trimmed to the column.</summary>
    public string? UndeliverableReason { get; set; }
}

public enum GroupKind { Fixed, Rule }

/// <summary>A named set of organisations: a fixed list, or a rule matched when a notice is sent.</summary>
public sealed class RecipientGroup
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public GroupKind Kind { get; set; }
    /// <summary>Rule: the kinds matched, comma-separated enum names ("Ward,Commune").</summary>
    public string? RuleKinds { get; set; }
    public SchoolLevel? RuleLevel { get; set; }
    public int? RuleWardId { get; set; }
    public List<GroupMember> Members { get; set; } = [];

    public IReadOnlyList<OrganisationKind> ParseRuleKinds() =>
        (RuleKinds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(k => Enum.TryParse<OrganisationKind>(k, out var kind) ? kind : (OrganisationKind?)null)
            .Where(k => k is not null).Select(k => k!.Value).Distinct().ToList();

    public static string FormatRuleKinds(IEnumerable<OrganisationKind> kinds) => string.Join(",", kinds.Distinct().Order());
}

public sealed class GroupMember
{
    public int GroupId { get; set; }
    public int OrganisationId { get; set; }
}
