using ChildProtection.Organisations.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Organisations.Pages.Admin.Directory.Groups;

public sealed record MemberRow(int Id, string Code, string Name, bool ValidToday, string? SuccessorName);

/// <summary>
/// One group: a fixed list of organisations (entered by code, checked against the directory) or a rule of
/// kinds, school level and ward. The count of organisations and addresses reached is shown as it changes.
/// </summary>
public sealed class EditModel(DirectoryDbContext db, IStringLocalizer<DirectoryText> T) : DirectoryAdminPage
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string Kind { get; set; } = nameof(GroupKind.Fixed);
    /// <summary>Member codes separated by new lines, commas, semicolons or spaces.</summary>
    [BindProperty] public string? MemberCodes { get; set; }
    [BindProperty] public List<string> RuleKinds { get; set; } = [];
    [BindProperty] public string? RuleLevel { get; set; }
    [BindProperty] public int? RuleWard { get; set; }

    public int? Id { get; private set; }
    public string? CurrentName { get; private set; }
    public IReadOnlyList<WardOption> Wards { get; private set; } = [];
    public IReadOnlyList<MemberRow> Members { get; private set; } = [];
    public GroupCount? Count { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (!await MayManageAsync()) return Denied();
        Id = id;
        if (id is { } existing)
        {
            var g = await db.Groups.AsNoTracking().FirstOrDefaultAsync(x => x.Id == existing);
            if (g is null) return NotFound();
            CurrentName = g.Name;
            Name = g.Name;
            Description = g.Description;
            Kind = g.Kind.ToString();
            RuleKinds = g.ParseRuleKinds().Select(k => k.ToString()).ToList();
            RuleLevel = g.RuleLevel?.ToString();
            RuleWard = g.RuleWardId;
            MemberCodes = string.Join("\n", await (from m in db.GroupMembers join o in db.Organisations on m.OrganisationId equals o.Id where m.GroupId == existing orderby o.Code select o.Code).ToListAsync());
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>The live count: organisations and addresses a rule reaches today (JSON, for the page's script).</summary>
    public async Task<IActionResult> OnGetCountAsync(List<string>? ruleKinds, string? ruleLevel, int? ruleWard)
    {
        if (!await MayManageAsync()) return Denied();
        var count = await GroupCounts.ForRuleAsync(db, ParseKinds(ruleKinds ?? []), ParseLevel(ruleLevel), ruleWard, Today, HttpContext.RequestAborted);
        return new JsonResult(new { organisations = count.Organisations, emails = count.Emails, text = T["Reaches {0} organisations and {1} e-mail addresses today.", count.Organisations, count.Emails].Value });
    }

    /// <summary>The member picker: organisations whose code or name contains the text (JSON, for the page's script).</summary>
    public async Task<IActionResult> OnGetFindAsync(string? q, [FromServices] IRecipientDirectory directory)
    {
        if (!await MayManageAsync()) return Denied();
        var today = Today;
        var found = await directory.FindOrganisationsAsync(q, 20, HttpContext.RequestAborted);
        return new JsonResult(found.Select(o => new { id = o.Id, code = o.Code, name = o.Name, valid = o.IsValidOn(today) }));
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        if (!await MayManageAsync()) return Denied();
        Id = id;
        RecipientGroup? group = null;
        if (id is { } existing)
        {
            group = await db.Groups.Include(g => g.Members).FirstOrDefaultAsync(g => g.Id == existing);
            if (group is null) return NotFound();
            CurrentName = group.Name;
        }
        var name = (Name ?? "").Trim();
        if (name.Length == 0) Errors.Add(T["Enter the group's name."]);
        else if (name.Length > DirectoryLimits.GroupName) Errors.Add(T["The group's name may have at most {0} characters.", DirectoryLimits.GroupName]);
        else if (await db.Groups.AnyAsync(g => g.Name == name && g.Id != (id ?? 0))) Errors.Add(T["Another group is already named {0}.", name]);
        var description = string.IsNullOrWhiteSpace(Description) ? null : Description.Trim();
        if (description?.Length > DirectoryLimits.Description) Errors.Add(T["The description may have at most {0} characters.", DirectoryLimits.Description]);
        if (!Enum.TryParse<GroupKind>(Kind, out var kind) || !Enum.IsDefined(kind)) Errors.Add(T["Choose a fixed list or a rule."]);

        var memberIds = new List<int>();
        var kinds = ParseKinds(RuleKinds);
        var level = ParseLevel(RuleLevel);
        if (kind == GroupKind.Fixed)
        {
            var codes = (MemberCodes ?? "").Split([',', ';', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(Organisation.NormalizeCode).Distinct().ToList();
            var found = await db.Organisations.AsNoTracking().Where(o => codes.Contains(o.Code)).Select(o => new { o.Code, o.Id }).ToListAsync();
            var unknown = codes.Except(found.Select(f => f.Code)).ToList();
            if (unknown.Count > 0) Errors.Add(T["No organisation has the code: {0}.", string.Join(", ", unknown)]);
            memberIds = found.Select(f => f.Id).ToList();
        }
        else if (kind == GroupKind.Rule)
        {
            if (RuleKinds.Count != kinds.Count) Errors.Add(T["Choose the kinds of organisation from the list."]);
            if (!string.IsNullOrWhiteSpace(RuleLevel) && level is null) Errors.Add(T["Choose a school level from the list."]);
            if (RuleWard is { } w && !await db.Organisations.AnyAsync(o => o.Id == w && (o.Kind == OrganisationKind.Ward || o.Kind == OrganisationKind.Commune)))
                Errors.Add(T["The chosen ward or commune does not exist."]);
        }
        if (Errors.Count > 0)
        {
            await LoadAsync();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        if (group is null)
        {
            group = new RecipientGroup();
            db.Groups.Add(group);
        }
        group.Name = name;
        group.Description = description;
        group.Kind = kind;
        if (kind == GroupKind.Fixed)
        {
            group.RuleKinds = null;
            group.RuleLevel = null;
            group.RuleWardId = null;
            group.Members.RemoveAll(m => !memberIds.Contains(m.OrganisationId));
            foreach (var mid in memberIds.Where(mid => group.Members.All(m => m.OrganisationId != mid)))
                group.Members.Add(new GroupMember { OrganisationId = mid });
        }
        else
        {
            group.RuleKinds = RecipientGroup.FormatRuleKinds(kinds);
            group.RuleLevel = level;
            group.RuleWardId = RuleWard;
            group.Members.Clear();
        }
        await db.SaveChangesAsync();
        TempData["Message"] = T["The group {0} was saved.", name].Value;
        return Redirect($"/admin/directory/groups/edit/{group.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        if (!await MayManageAsync()) return Denied();
        var group = await db.Groups.FirstOrDefaultAsync(g => g.Id == id);
        if (group is null) return NotFound();
        db.Groups.Remove(group);
        await db.SaveChangesAsync();
        TempData["Message"] = T["The group {0} was deleted.", group.Name].Value;
        return Redirect("/admin/directory/groups");
    }

    private async Task LoadAsync()
    {
        Wards = await Directory.IndexModel.WardOptionsAsync(db);
        var today = Today;
        if (Kind == nameof(GroupKind.Rule))
        {
            Count = await GroupCounts.ForRuleAsync(db, ParseKinds(RuleKinds), ParseLevel(RuleLevel), RuleWard, today);
        }
        else if (Id is { } id && Errors.Count == 0)
        {
            Count = await GroupCounts.ForFixedAsync(db, id, today);
            Members = await (from m in db.GroupMembers.AsNoTracking()
                             join o in db.Organisations.AsNoTracking() on m.OrganisationId equals o.Id
                             where m.GroupId == id
                             orderby o.NameKey
                             select new MemberRow(o.Id, o.Code, o.Name,
                                 (o.ValidFrom == null || o.ValidFrom <= today) && (o.ValidTo == null || o.ValidTo >= today),
                                 db.Organisations.Where(s => s.Id == o.SuccessorId).Select(s => s.Name).FirstOrDefault())).ToListAsync();
        }
    }

    private static List<OrganisationKind> ParseKinds(IEnumerable<string> values) =>
        values.Select(v => Enum.TryParse<OrganisationKind>(v, out var k) && Enum.IsDefined(k) ? k : (OrganisationKind?)null)
            .Where(k => k is not null).Select(k => k!.Value).Distinct().ToList();

    private static SchoolLevel? ParseLevel(string? value) =>
        Enum.TryParse<SchoolLevel>(value, out var l) && Enum.IsDefined(l) ? l : null;

    /// <summary>A rule in words, from the Vietnamese labels: "Trường · Tiểu học · Phường Phú Lợi".</summary>
    public static string Describe(RecipientGroup group, IReadOnlyDictionary<int, string> wardNames)
    {
        if (group.Kind != GroupKind.Rule) return "";
        var parts = new List<string>();
        var kinds = group.ParseRuleKinds();
        if (kinds.Count > 0) parts.Add(string.Join(", ", kinds.Select(DirectoryTerms.Label)));
        if (group.RuleLevel is { } l) parts.Add(DirectoryTerms.Label(l));
        if (group.RuleWardId is { } w && wardNames.TryGetValue(w, out var ward)) parts.Add(ward);
        return string.Join(" · ", parts);
    }
}
