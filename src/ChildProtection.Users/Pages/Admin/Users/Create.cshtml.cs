using ChildProtection.Audit;
using ChildProtection.Users.Data;
using ChildProtection.Users.Roles;
using ChildProtection.Users.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Users.Pages.Admin.Users;

public sealed class CreateModel(UserManager<User> users, RolePermissionStore roleStore, IAuditTrail audit, IStringLocalizer<UsersText> T) : UsersAdminPage
{
    [BindProperty] public string UserName { get; set; } = "";
    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public List<string> Roles { get; set; } = [];

    public IReadOnlyList<RoleInfo> AvailableRoles { get; private set; } = [];
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await CanAsync(UserPermissions.ManageUsers)) return Denied();
        AvailableRoles = RoleChoice.Assignable(await roleStore.ListAsync());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await CanAsync(UserPermissions.ManageUsers)) return Denied();
        AvailableRoles = RoleChoice.Assignable(await roleStore.ListAsync());
        var chosen = AvailableRoles.Where(r => Roles.Contains(r.Name, StringComparer.OrdinalIgnoreCase)).Select(r => r.Name).ToList();
        if (chosen.Any(r => !RoleChoice.MayChange(User, r)))
            Errors.Add(T["Only an administrator can give the Administrator role."]);
        if (Password.Length == 0) Errors.Add(T["Enter a password."]);
        if (Errors.Count > 0) return Page();

        var user = new User { UserName = UserName.Trim(), Email = Email.Trim(), EmailConfirmed = true };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded)
        {
            Errors.AddRange(created.Errors.Select(e => e.Description));
            Password = "";
            return Page();
        }
        if (chosen.Count > 0)
        {
            var added = await users.AddToRolesAsync(user, chosen);
            if (!added.Succeeded) TempData["Error"] = string.Join(" ", added.Errors.Select(e => e.Description));
        }
        await audit.RecordAsync(new AuditEntry(AuditActions.UserCreated, User.Identity?.Name)
        {
            Category = AuditCategories.Security, SubjectId = user.UserName, SubjectTitle = user.UserName,
            Detail = chosen.Count > 0 ? "+ " + string.Join(", ", chosen) : null,
        });
        TempData["Message"] = T["User {0} was created.", user.UserName].Value;
        return Redirect($"/admin/users/{user.Id}");
    }
}
