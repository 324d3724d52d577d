using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Core.Recipes;
using ChildProtection.Core.Security;
using ChildProtection.Users.Security;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Users.Roles;

/// <summary>
/// Orchard's Roles step: <c>{"name":"Roles","Roles":[{"Name":"Editor","Description":"…","Permissions":["EditContent"]}]}</c>.
/// <c>PermissionBehavior</c> may be <c>Replace</c> (default: the role gets exactly the list), <c>Add</c> or
/// <c>Remove</c>. Roles live outside the engine's database, so everything is checked here and written
/// only after the recipe's transaction commits.
/// </summary>
public sealed class RolesStep : IRecipeStep
{
    private static readonly string[] Behaviors = ["Replace", "Add", "Remove"];
    private static readonly HashSet<string> EntryProperties = new(StringComparer.Ordinal) { "Name", "Description", "Permissions", "PermissionBehavior" };

    public string Name => "Roles";
    /// <summary>After content definitions, whose securable types declare per-type permissions.</summary>
    public int ExportOrder => 20;

    private sealed record Entry(string Name, string? Description, IReadOnlyList<string> Permissions, string Behavior);

    public async Task ExecuteAsync(RecipeStepContext ctx)
    {
        foreach (var (key, _) in ctx.Step)
            if (key is not ("name" or "Roles")) ctx.Error(key, "Unknown property \"{0}\" in the Roles step.", key);
        if (ctx.Step["Roles"] is not JsonArray list)
        {
            ctx.Error("Roles", "The Roles step needs a \"Roles\" list.");
            return;
        }

        // A fresh catalog: a ContentDefinition step earlier in this recipe may have added securable types.
        var known = await new PermissionCatalog(ctx.Services.GetServices<IPermissionProvider>()).GetAllAsync();
        var entries = Parse(ctx, list, known);
        if (ctx.Errors.Count > 0) return;

        var store = ctx.Services.GetRequiredService<RolePermissionStore>();
        var existing = (await store.ListAsync()).ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
        var writes = new List<(string Name, string Description, IReadOnlySet<string> Permissions)>();
        foreach (var entry in entries)
        {
            existing.TryGetValue(entry.Name, out var current);
            var held = current?.Permissions ?? new HashSet<string>(StringComparer.Ordinal);
            IReadOnlySet<string> wanted = entry.Behavior switch
            {
                "Add" => held.Union(entry.Permissions).ToHashSet(StringComparer.Ordinal),
                "Remove" => held.Except(entry.Permissions).ToHashSet(StringComparer.Ordinal),
                _ => entry.Permissions.ToHashSet(StringComparer.Ordinal),
            };
            var description = entry.Description ?? current?.Description ?? "";
            if (current is not null && current.Description == description && held.SetEquals(wanted)) continue;
            writes.Add((current?.Name ?? entry.Name, description, wanted));
        }
        if (writes.Count == 0) return;

        ctx.Changed = true;
        ctx.AfterCommit(async () =>
        {
            foreach (var (name, description, permissions) in writes)
            {
                var result = await store.SaveAsync(name, description, permissions);
                if (!result.Succeeded)
                    throw new InvalidOperationException($"Role \"{name}\" could not be saved: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            }
        });
    }

    private static List<Entry> Parse(RecipeStepContext ctx, JsonArray list, IReadOnlyDictionary<string, Permission> known)
    {
        var entries = new List<Entry>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"Roles[{i}]";
            if (list[i] is not JsonObject role)
            {
                ctx.Error(path, "Each role is an object with a \"Name\" and a \"Permissions\" list.");
                continue;
            }
            foreach (var (key, _) in role)
                if (!EntryProperties.Contains(key)) ctx.Error($"{path}.{key}", "Unknown property \"{0}\". A role has Name, Description, Permissions and PermissionBehavior.", key);

            var name = String(role["Name"]);
            if (name is null || name.Trim().Length == 0 || name != name.Trim() || name.Length > 256)
                ctx.Error($"{path}.Name", "The role needs a name (text without surrounding spaces, at most 256 characters).");
            else if (!names.Add(name))
                ctx.Error($"{path}.Name", "The role \"{0}\" is listed twice.", name);

            string? description = null;
            if (role["Description"] is { } d)
            {
                description = String(d);
                if (description is null) ctx.Error($"{path}.Description", "The description must be text.");
                else if (description.Length > 1024) ctx.Error($"{path}.Description", "The description is longer than 1024 characters.");
            }

            var behavior = "Replace";
            if (role["PermissionBehavior"] is { } b)
            {
                var value = String(b);
                var match = Behaviors.FirstOrDefault(x => string.Equals(x, value, StringComparison.OrdinalIgnoreCase));
                if (match is null) ctx.Error($"{path}.PermissionBehavior", "PermissionBehavior must be one of: {0}.", string.Join(", ", Behaviors));
                else behavior = match;
            }

            var permissions = new List<string>();
            switch (role["Permissions"])
            {
                case null:
                    break;
                case JsonArray array:
                    for (var j = 0; j < array.Count; j++)
                    {
                        var permission = String(array[j]);
                        if (permission is null) ctx.Error($"{path}.Permissions[{j}]", "A permission is named by a text value.");
                        else if (!known.ContainsKey(permission)) ctx.Error($"{path}.Permissions[{j}]", "Unknown permission \"{0}\".", permission);
                        else permissions.Add(permission);
                    }
                    break;
                default:
                    ctx.Error($"{path}.Permissions", "Permissions must be a list of permission names.");
                    break;
            }
            if (name is not null) entries.Add(new Entry(name, description, permissions, behavior));
        }
        return entries;
    }

    private static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public async Task ExportAsync(RecipeExportContext context)
    {
        var roles = await context.Services.GetRequiredService<RolePermissionStore>().ListAsync();
        // A permission whose declaring type or module is gone would make the export refuse to apply elsewhere.
        var known = await new PermissionCatalog(context.Services.GetServices<IPermissionProvider>()).GetAllAsync();
        var list = new JsonArray();
        foreach (var role in roles)
        {
            list.Add(new JsonObject
            {
                ["Name"] = role.Name,
                ["Description"] = role.Description,
                ["Permissions"] = new JsonArray(role.Permissions.Where(known.ContainsKey).Order(StringComparer.Ordinal).Select(p => (JsonNode)JsonValue.Create(p)!).ToArray()),
            });
        }
        context.Steps.Add(new JsonObject { ["name"] = Name, ["Roles"] = list });
    }
}
