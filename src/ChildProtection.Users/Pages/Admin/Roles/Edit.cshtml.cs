using System.ComponentModel.DataAnnotations;
using ChildProtection.Audit;
using ChildProtection.Core.Security;
using ChildProtection.Users.Data;
using ChildProtection.Users.Roles;
using ChildProtection.Users.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Users.Pages.Admin.Roles;

/// <summary>A role's description and permissions (grouped by category); deleting it unless it is built in.</summary>
public sealed class EditModel(RoleManager<Role> roles, RolePermissionStore roleStore, PermissionCatalog catalog, IAuditTrail audit, IStringLocalizer<UsersText> T) : UsersAdminPage
{
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Description { get; set; } = "";
    [BindProperty] public List<string> Permissions { get; set; } = [];

    public RoleInfo Role { get; private set; } = null!;
    public IReadOnlyList<IGrouping<string, Permission>> Groups { get; private set; } = [];
    public List<string> Errors { get; } = [];
    public bool IsAdministrator => Role.Name == RoleNames.Administrator;
    public bool IsProtected => RoleNames.IsProtected(Role.Name);

    /// <summary>
    /// Per-type permissions carry "General description: Type" in English; they are listed under their
    /// type already, so the general description alone is shown, translated.
    /// </summary>
    public string Describe(Permission permission)
    {
        var template = ContentPermissions.TypeTemplates.FirstOrDefault(t => permission.Name.StartsWith(t.Name + "_", StringComparison.Ordinal));
        return T[(template ?? permission).Description];
    }

    private async Task<IActionResult?> LoadAsync(string id)
    {
        if (!await CanAsync(UserPermissions.ManageRoles)) return Denied();
        var role = await roles.FindByIdAsync(id);
        if (role is null) return NotFound();
        Role = (await roleStore.FindAsync(role.Name!))!;
        Groups = (await catalog.GetAllAsync()).Values
            .GroupBy(p => p.Category)
            .OrderBy(g => g.Key == "Admin" ? 0 : g.Key == "Content" ? 1 : g.Key == "Security" ? 2 : 3).ThenBy(g => g.Key)
            .ToList();
        return null;
    }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        Description = Role.Description;
        Permissions = Role.Permissions.ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        if (Description.Length > 1024)
        {
            Errors.Add(T["The description is longer than 1024 characters."]);
            return Page();
        }
        var known = await catalog.GetAllAsync();
        var unknown = Permissions.Where(p => !known.ContainsKey(p)).ToList();
        if (unknown.Count > 0)
        {
            Errors.Add(T["Unknown permission \"{0}\".", unknown[0]]);
            return Page();
        }
        var result = await roleStore.SaveAsync(Role.Name, Description.Trim(), Permissions);
        if (!result.Succeeded)
        {
            Errors.AddRange(result.Errors.Select(e => e.Description));
            return Page();
        }
        var added = Permissions.Where(p => !Role.Permissions.Contains(p)).Distinct().Order().ToList();
        var removed = Role.Permissions.Where(p => !Permissions.Contains(p)).Order().ToList();
        if (added.Count + removed.Count > 0 || Description.Trim() != Role.Description)
            await audit.RecordAsync(new AuditEntry(AuditActions.RoleChanged, User.Identity?.Name)
            {
                Category = AuditCategories.Security, SubjectId = Role.Name, SubjectTitle = Role.Name,
                Detail = string.Join("; ", new[] { added.Count > 0 ? "+ " + string.Join(", ", added) : null, removed.Count > 0 ? "- " + string.Join(", ", removed) : null }.Where(x => x is not null)),
            });
        TempData["Message"] = T["Role {0} was saved.", Role.Name].Value;
        return Redirect($"/admin/roles/{Role.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        if (IsProtected)
        {
            Errors.Add(T["The roles Administrator, Anonymous and Authenticated are built in and cannot be deleted."]);
            Description = Role.Description;
            Permissions = Role.Permissions.ToList();
            return Page();
        }
        var result = await roleStore.DeleteAsync(Role.Name);
        if (!result.Succeeded)
        {
            Errors.AddRange(result.Errors.Select(e => e.Description));
            return Page();
        }
        await audit.RecordAsync(new AuditEntry(AuditActions.RoleChanged, User.Identity?.Name)
        {
            Category = AuditCategories.Security, SubjectId = Role.Name, SubjectTitle = Role.Name, Detail = "deleted",
        });
        TempData["Message"] = T["Role {0} was deleted.", Role.Name].Value;
        return Redirect("/admin/roles");
    }
}
