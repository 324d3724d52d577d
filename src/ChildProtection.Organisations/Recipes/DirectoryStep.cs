using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Core.Recipes;
using ChildProtection.Organisations.Data;
using ChildProtection.Organisations.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Organisations.Recipes;

/// <summary>
/// The Directory step: creates or updates organisations (by code) and groups (by name).
/// <code>
/// {"name":"Directory",
///  "Organisations":[{"Code":"P-PL","Name":"Phường Phú Lợi","Kind":"Ward","ValidFrom":"2025-07-01",
///                    "Contacts":[{"Name":"…","Role":"…","Emails":["vanphong@phuloi.example.gov.vn"]}]},
///                   {"Code":"TH-PL-01","Name":"…","Kind":"School","Level":"Primary","Ward":"P-PL","Successor":"…","ValidTo":"2025-06-30"}],
///  "Groups":[{"Name":"…","Members":["TH-PL-01"]},{"Name":"…","Rule":{"Kinds":["Ward","Commune"],"Level":null,"Ward":null}}]}
/// </code>
/// Organisations go through the same checks as an import (codes, addresses unique across the directory,
/// wards and successors known); the directory's tables are outside the engine's database, so the writes
/// happen after the recipe commits, in one transaction of their own.
/// </summary>
public sealed class DirectoryStep : IRecipeStep
{
    private static readonly HashSet<string> OrgProperties = new(StringComparer.Ordinal) { "Code", "Name", "Kind", "Level", "Ward", "Address", "ValidFrom", "ValidTo", "Successor", "Contacts" };
    private static readonly HashSet<string> GroupProperties = new(StringComparer.Ordinal) { "Name", "Description", "Members", "Rule" };

    public string Name => "Directory";
    public int ExportOrder => 60;

    private sealed record GroupEntry(string Name, string? Description, List<string>? Members, List<OrganisationKind> Kinds, SchoolLevel? Level, string? Ward);

    public async Task ExecuteAsync(RecipeStepContext ctx)
    {
        foreach (var (key, _) in ctx.Step)
            if (key is not ("name" or "Organisations" or "Groups")) ctx.Error(key, "Unknown property \"{0}\" in the Directory step.", key);

        var plan = new ImportPlan();
        if (ctx.Step["Organisations"] is { } orgNode)
        {
            if (orgNode is not JsonArray orgs) ctx.Error("Organisations", "Organisations must be a list.");
            else for (var i = 0; i < orgs.Count; i++) ParseOrganisation(ctx, orgs[i], i, plan);
        }
        var groups = new List<GroupEntry>();
        if (ctx.Step["Groups"] is { } groupNode)
        {
            if (groupNode is not JsonArray list) ctx.Error("Groups", "Groups must be a list.");
            else for (var i = 0; i < list.Count; i++) ParseGroup(ctx, list[i], i, groups);
        }
        if (ctx.Errors.Count > 0) return;

        var planner = ctx.Services.GetRequiredService<ImportPlanner>();
        await planner.CheckAsync(plan);
        foreach (var row in plan.Rows)
            foreach (var problem in row.Problems)
                ctx.Error($"Organisations[{row.Line}]", problem);

        // Group members and rule wards must be organisations of this step or of the directory.
        var db = ctx.Services.GetRequiredService<DirectoryDbContext>();
        var stepCodes = plan.Rows.Select(r => r.Record!.Code).ToHashSet(StringComparer.Ordinal);
        var referenced = groups.SelectMany(g => (g.Members ?? []).Append(g.Ward ?? "")).Where(c => c.Length > 0 && !stepCodes.Contains(c)).Distinct().ToList();
        var existing = await db.Organisations.AsNoTracking().Where(o => referenced.Contains(o.Code)).Select(o => o.Code).ToListAsync();
        for (var i = 0; i < groups.Count; i++)
            foreach (var code in (groups[i].Members ?? []).Append(groups[i].Ward ?? "").Where(c => c.Length > 0))
                if (!stepCodes.Contains(code) && !existing.Contains(code)) ctx.Error($"Groups[{i}]", "No organisation has the code \"{0}\".", code);
        if (ctx.Errors.Count > 0) return;

        ctx.Changed = true;
        var records = plan.Rows.Select(r => r.Record!).ToList();
        // A scope of its own: the recipe's scope may be gone by the time deferred writes run.
        var scopes = ctx.Services.GetRequiredService<IServiceScopeFactory>();
        ctx.AfterCommit(async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var writeDb = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
            await scope.ServiceProvider.GetRequiredService<ImportCommitter>().CommitAsync(records, async ids => await WriteGroupsAsync(writeDb, groups, ids));
        });
    }

    /// <summary>The whole directory in this step's shape (nothing when it is empty), so a site export carries it.</summary>
    public async Task ExportAsync(RecipeExportContext context)
    {
        var db = context.Services.GetRequiredService<DirectoryDbContext>();
        if (!await db.Organisations.AnyAsync() && !await db.Groups.AnyAsync()) return;
        var orgs = await db.Organisations.AsNoTracking()
            .OrderBy(o => o.Kind == OrganisationKind.Ward || o.Kind == OrganisationKind.Commune ? 0 : 1).ThenBy(o => o.Code)
            .Select(o => new
            {
                o.Id, o.Code, o.Name, o.Kind, o.Level, o.Address, o.ValidFrom, o.ValidTo,
                Ward = db.Organisations.Where(w => w.Id == o.WardId).Select(w => w.Code).FirstOrDefault(),
                Successor = db.Organisations.Where(x => x.Id == o.SuccessorId).Select(x => x.Code).FirstOrDefault(),
            }).ToListAsync();
        var contacts = (await db.Contacts.AsNoTracking().Include(c => c.Emails).OrderBy(c => c.Id).ToListAsync()).ToLookup(c => c.OrganisationId);
        var list = new JsonArray();
        foreach (var o in orgs)
        {
            var item = new JsonObject { ["Code"] = o.Code, ["Name"] = o.Name, ["Kind"] = o.Kind.ToString() };
            if (o.Level is { } level) item["Level"] = level.ToString();
            if (o.Ward is { } ward) item["Ward"] = ward;
            if (o.Address is { } address) item["Address"] = address;
            if (o.ValidFrom is { } from) item["ValidFrom"] = from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            if (o.ValidTo is { } to) item["ValidTo"] = to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            if (o.Successor is { } successor) item["Successor"] = successor;
            var people = new JsonArray();
            foreach (var c in contacts[o.Id])
                people.Add(new JsonObject
                {
                    ["Name"] = c.Name, ["Role"] = c.Role,
                    ["Emails"] = new JsonArray(c.Emails.OrderBy(e => e.Id).Select(e => (JsonNode)JsonValue.Create(e.Address)!).ToArray()),
                });
            if (people.Count > 0) item["Contacts"] = people;
            list.Add(item);
        }
        var codes = orgs.ToDictionary(o => o.Id, o => o.Code);
        var groups = new JsonArray();
        foreach (var g in await db.Groups.AsNoTracking().Include(g => g.Members).OrderBy(g => g.Name).ToListAsync())
        {
            var item = new JsonObject { ["Name"] = g.Name };
            if (g.Description is { } description) item["Description"] = description;
            if (g.Kind == GroupKind.Fixed)
                item["Members"] = new JsonArray(g.Members.Select(m => codes[m.OrganisationId]).Order(StringComparer.Ordinal).Select(c => (JsonNode)JsonValue.Create(c)!).ToArray());
            else
            {
                var rule = new JsonObject { ["Kinds"] = new JsonArray(g.ParseRuleKinds().Select(k => (JsonNode)JsonValue.Create(k.ToString())!).ToArray()) };
                if (g.RuleLevel is { } level) rule["Level"] = level.ToString();
                if (g.RuleWardId is { } ward) rule["Ward"] = codes[ward];
                item["Rule"] = rule;
            }
            groups.Add(item);
        }
        context.Steps.Add(new JsonObject { ["name"] = Name, ["Organisations"] = list, ["Groups"] = groups });
    }

    private static async Task WriteGroupsAsync(DirectoryDbContext db, List<GroupEntry> groups, IReadOnlyDictionary<string, int> ids)
    {
        if (groups.Count == 0) return;
        var codes = groups.SelectMany(g => (g.Members ?? []).Append(g.Ward ?? "")).Where(c => c.Length > 0 && !ids.ContainsKey(c)).Distinct().ToList();
        var all = new Dictionary<string, int>(ids, StringComparer.Ordinal);
        foreach (var o in await db.Organisations.AsNoTracking().Where(o => codes.Contains(o.Code)).Select(o => new { o.Code, o.Id }).ToListAsync())
            all[o.Code] = o.Id;
        foreach (var entry in groups)
        {
            var group = await db.Groups.Include(g => g.Members).FirstOrDefaultAsync(g => g.Name == entry.Name);
            if (group is null)
            {
                group = new RecipientGroup { Name = entry.Name };
                db.Groups.Add(group);
            }
            group.Description = entry.Description;
            if (entry.Members is { } members)
            {
                group.Kind = GroupKind.Fixed;
                group.RuleKinds = null;
                group.RuleLevel = null;
                group.RuleWardId = null;
                var wanted = members.Select(c => all[c]).ToHashSet();
                group.Members.RemoveAll(m => !wanted.Contains(m.OrganisationId));
                foreach (var id in wanted.Where(id => group.Members.All(m => m.OrganisationId != id)))
                    group.Members.Add(new GroupMember { OrganisationId = id });
            }
            else
            {
                group.Kind = GroupKind.Rule;
                group.RuleKinds = RecipientGroup.FormatRuleKinds(entry.Kinds);
                group.RuleLevel = entry.Level;
                group.RuleWardId = entry.Ward is { } w ? all[w] : null;
                group.Members.Clear();
            }
        }
        await db.SaveChangesAsync();
    }

    private static void ParseOrganisation(RecipeStepContext ctx, JsonNode? node, int index, ImportPlan plan)
    {
        var path = $"Organisations[{index}]";
        if (node is not JsonObject o)
        {
            ctx.Error(path, "Each organisation is an object with a Code, a Name and a Kind.");
            return;
        }
        foreach (var (key, _) in o)
            if (!OrgProperties.Contains(key)) ctx.Error($"{path}.{key}", "Unknown property \"{0}\". An organisation has: {1}.", key, string.Join(", ", OrgProperties));
        var code = Organisation.NormalizeCode(Text(o["Code"]) ?? "");
        var name = Text(o["Name"])?.Trim() ?? "";
        var kind = DirectoryTerms.ParseKind(Text(o["Kind"]));
        SchoolLevel? level = null;
        if (code.Length == 0) ctx.Error($"{path}.Code", "The organisation needs a code.");
        if (name.Length == 0) ctx.Error($"{path}.Name", "The organisation needs a name.");
        if (kind is null) ctx.Error($"{path}.Kind", "Kind must be one of: School, Ward, Commune, Agency.");
        if (Text(o["Level"]) is { Length: > 0 } levelText && (level = DirectoryTerms.ParseLevel(levelText)) is null)
            ctx.Error($"{path}.Level", "Level must be one of: Preschool, Primary, LowerSecondary, UpperSecondary, Other.");
        if (!OrganisationStore.TryParseDate(Text(o["ValidFrom"]), out var from)) ctx.Error($"{path}.ValidFrom", "ValidFrom must be a date (yyyy-MM-dd).");
        if (!OrganisationStore.TryParseDate(Text(o["ValidTo"]), out var to)) ctx.Error($"{path}.ValidTo", "ValidTo must be a date (yyyy-MM-dd).");
        var contacts = new List<ImportContact>();
        if (o["Contacts"] is JsonArray list)
        {
            for (var j = 0; j < list.Count; j++)
            {
                if (list[j] is not JsonObject c)
                {
                    ctx.Error($"{path}.Contacts[{j}]", "A contact is an object with Name, Role and Emails.");
                    continue;
                }
                var emails = new List<string>();
                if (c["Emails"] is JsonArray e)
                    foreach (var address in e.Select(Text))
                    {
                        if (!EmailAddresses.IsValid(address?.Trim())) ctx.Error($"{path}.Contacts[{j}].Emails", "\"{0}\" is not a valid e-mail address.", address ?? "");
                        else emails.Add(address!.Trim());
                    }
                contacts.Add(new ImportContact(Text(c["Name"])?.Trim(), Text(c["Role"])?.Trim(), emails));
            }
        }
        else if (o["Contacts"] is not null) ctx.Error($"{path}.Contacts", "Contacts must be a list.");
        if (code.Length == 0 || name.Length == 0 || kind is null) return;
        if (plan.Rows.Any(r => r.Record!.Code == code))
        {
            ctx.Error($"{path}.Code", "The code \"{0}\" is listed twice.", code);
            return;
        }
        plan.Rows.Add(new PlannedRow
        {
            Line = index, Cells = [],
            Record = new ImportRecord
            {
                Code = code, Name = name, Kind = kind.Value, Level = level, WardCode = Text(o["Ward"]) is { Length: > 0 } w ? Organisation.NormalizeCode(w) : null,
                Address = Text(o["Address"])?.Trim(), ValidFrom = from, ValidTo = to, Contacts = contacts,
                SuccessorCode = Text(o["Successor"]) is { Length: > 0 } s ? Organisation.NormalizeCode(s) : null,
            },
        });
    }

    private static void ParseGroup(RecipeStepContext ctx, JsonNode? node, int index, List<GroupEntry> groups)
    {
        var path = $"Groups[{index}]";
        if (node is not JsonObject g)
        {
            ctx.Error(path, "Each group is an object with a Name and either Members or a Rule.");
            return;
        }
        foreach (var (key, _) in g)
            if (!GroupProperties.Contains(key)) ctx.Error($"{path}.{key}", "Unknown property \"{0}\". A group has: {1}.", key, string.Join(", ", GroupProperties));
        var name = Text(g["Name"])?.Trim() ?? "";
        if (name.Length == 0 || name.Length > DirectoryLimits.GroupName) ctx.Error($"{path}.Name", "The group needs a name of at most {0} characters.", DirectoryLimits.GroupName);
        else if (groups.Any(x => x.Name == name)) ctx.Error($"{path}.Name", "The group \"{0}\" is listed twice.", name);
        var hasMembers = g["Members"] is not null;
        var hasRule = g["Rule"] is not null;
        if (hasMembers == hasRule)
        {
            ctx.Error(path, "A group has either Members (a fixed list of codes) or a Rule.");
            return;
        }
        if (hasMembers)
        {
            if (g["Members"] is not JsonArray members) { ctx.Error($"{path}.Members", "Members must be a list of organisation codes."); return; }
            var codes = members.Select(m => Organisation.NormalizeCode(Text(m) ?? "")).Where(c => c.Length > 0).Distinct().ToList();
            groups.Add(new GroupEntry(name, Text(g["Description"]), codes, [], null, null));
            return;
        }
        if (g["Rule"] is not JsonObject rule) { ctx.Error($"{path}.Rule", "Rule must be an object with Kinds, Level and Ward."); return; }
        var kinds = new List<OrganisationKind>();
        if (rule["Kinds"] is JsonArray k)
            foreach (var text in k.Select(Text))
            {
                if (DirectoryTerms.ParseKind(text) is { } kind) kinds.Add(kind);
                else ctx.Error($"{path}.Rule.Kinds", "Kind must be one of: School, Ward, Commune, Agency.");
            }
        SchoolLevel? level = null;
        if (Text(rule["Level"]) is { Length: > 0 } l && (level = DirectoryTerms.ParseLevel(l)) is null)
            ctx.Error($"{path}.Rule.Level", "Level must be one of: Preschool, Primary, LowerSecondary, UpperSecondary, Other.");
        var ward = Text(rule["Ward"]) is { Length: > 0 } w ? Organisation.NormalizeCode(w) : null;
        groups.Add(new GroupEntry(name, Text(g["Description"]), null, kinds, level, ward));
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
