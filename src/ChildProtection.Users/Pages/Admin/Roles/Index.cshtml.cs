using System.ComponentModel.DataAnnotations;
using ChildProtection.Users.Data;
using ChildProtection.Users.Roles;
using ChildProtection.Users.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Users.Pages.Admin.Roles;

/// <summary>Roles with their member counts, and a form to add one.</summary>
public sealed class IndexModel(RolePermissionStore roleStore, UsersDbContext db, IStringLocalizer<UsersText> T) : UsersAdminPage
{
    public IReadOnlyList<RoleInfo> Roles { get; private set; } = [];
    public IReadOnlyDictionary<string, int> Members { get; private set; } = new Dictionary<string, int>();
    public List<string> Errors { get; } = [];

    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Name { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Description { get; set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await CanAsync(UserPermissions.ManageRoles)) return Denied();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await CanAsync(UserPermissions.ManageRoles)) return Denied();
        var name = Name.Trim();
        if (name.Length is 0 or > 256) Errors.Add(T["Enter a role name (at most 256 characters)."]);
        else if (Description.Length > 1024) Errors.Add(T["The description is longer than 1024 characters."]);
        else
        {
            var result = await roleStore.CreateAsync(name, Description.Trim());
            if (result.Succeeded)
            {
                var role = await roleStore.FindAsync(name);
                TempData["Message"] = T["Role {0} was created. Now choose its permissions.", name].Value;
                return Redirect($"/admin/roles/{role!.Id}");
            }
            Errors.AddRange(result.Errors.Select(e => e.Description));
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Roles = await roleStore.ListAsync();
        Members = await db.UserRoles.AsNoTracking().GroupBy(ur => ur.RoleId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count);
    }
}
