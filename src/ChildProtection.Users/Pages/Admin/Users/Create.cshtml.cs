using System.ComponentModel.DataAnnotations;
using ChildProtection.Audit;
using ChildProtection.Users.Accounts;
using ChildProtection.Users.Data;
using ChildProtection.Users.Roles;
using ChildProtection.Users.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Users.Pages.Admin.Users;

public sealed class CreateModel(UserManager<User> users, RolePermissionStore roleStore, UserOrganisations organisations, IAuditTrail audit, IStringLocalizer<UsersText> T) : UsersAdminPage
{
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string UserName { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Email { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Password { get; set; } = "";
    [BindProperty] public List<string> Roles { get; set; } = [];
    /// <summary>The chosen organisation's id, set by the page's script; see <see cref="UserOrganisations.ReadAsync"/>.</summary>
    [BindProperty] public string? OrganisationId { get; set; }
    /// <summary>The "Đơn vị" box: a suggestion's "Name (CODE)", a code, or empty for none.</summary>
    [BindProperty] public string? OrganisationSearch { get; set; }

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
        var organisation = await organisations.ReadAsync(OrganisationId, OrganisationSearch, null, HttpContext.RequestAborted);
        if (organisation.Error is not null) Errors.Add(organisation.Error);
        if (Errors.Count > 0) { Password = ""; return Page(); }

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
        if (organisation.Id is { } organisationId)
        {
            var linked = await organisations.SetAsync(user, organisationId);
            if (!linked.Succeeded) TempData["Error"] = string.Join(" ", linked.Errors.Select(e => e.Description));
        }
        await audit.RecordAsync(new AuditEntry(AuditActions.UserCreated, User.Identity?.Name)
        {
            Category = AuditCategories.Security, SubjectId = user.UserName, SubjectTitle = user.UserName,
            Detail = chosen.Count > 0 ? "+ " + string.Join(", ", chosen) : null,
        });
        if (organisation.Id is not null)
            await audit.RecordAsync(new AuditEntry(AuditActions.UserOrganisationChanged, User.Identity?.Name)
            {
                Category = AuditCategories.Security, SubjectId = user.UserName, SubjectTitle = user.UserName,
                Detail = UserOrganisations.Change(null, organisation.Label),
            });
        TempData["Message"] = T["User {0} was created.", user.UserName].Value;
        return Redirect($"/admin/users/{user.Id}");
    }

    /// <summary>The "Đơn vị" picker's suggestions (JSON): organisations whose name (diacritics optional) or code contains the text.</summary>
    public async Task<IActionResult> OnGetOrganisationsAsync(string? q)
    {
        if (!await CanAsync(UserPermissions.ManageUsers)) return Denied();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var found = await organisations.SuggestAsync(q, HttpContext.RequestAborted);
        return new JsonResult(found.Select(o => new { id = o.Id, code = o.Code, name = o.Name, label = o.Label, valid = o.IsValidOn(today) }));
    }

    public OrganisationField Organisation => new(OrganisationSearch, null);
}
