using System.ComponentModel.DataAnnotations;
using ChildProtection.Audit;
using ChildProtection.Users.Accounts;
using ChildProtection.Users.Data;
using ChildProtection.Users.Roles;
using ChildProtection.Users.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Users.Pages.Admin.Users;

/// <summary>
/// One user: e-mail and roles, lock and unlock, password reset, deletion. Nobody can delete or lock
/// themselves or take themselves out of Administrator, so a site cannot lose its last way in by mistake.
/// </summary>
public sealed class EditModel(
    UserManager<User> users,
    SignInManager<User> signIn,
    RolePermissionStore roleStore,
    UserOrganisations organisations,
    TimeProvider clock,
    IAuditTrail audit,
    IStringLocalizer<UsersText> T,
    IStringLocalizer<AccountText> A) : UsersAdminPage
{
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Email { get; set; } = "";
    [BindProperty] public List<string> Roles { get; set; } = [];
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string NewPassword { get; set; } = "";
    /// <summary>The chosen organisation's id, set by the page's script; see <see cref="UserOrganisations.ReadAsync"/>.</summary>
    [BindProperty] public string? OrganisationId { get; set; }
    /// <summary>The "Đơn vị" box: a suggestion's "Name (CODE)", a code, or empty for none.</summary>
    [BindProperty] public string? OrganisationSearch { get; set; }

    /// <summary>The organisation the account speaks for now, if any.</summary>
    public OrganisationShown? CurrentOrganisation { get; private set; }
    public OrganisationField Organisation => new(OrganisationSearch, CurrentOrganisation, !MayModify);

    public User Target { get; private set; } = null!;
    public IReadOnlyList<RoleInfo> AvailableRoles { get; private set; } = [];
    public IReadOnlySet<string> CurrentRoles { get; private set; } = new HashSet<string>();
    public List<string> Errors { get; } = [];
    public bool IsSelf { get; private set; }
    public bool IsLocked { get; private set; }
    public bool HasTwoFactor { get; private set; }
    /// <summary>Only an Administrator may change another Administrator's account.</summary>
    public bool MayModify { get; private set; }

    private async Task<IActionResult?> LoadAsync(string id)
    {
        if (!await CanAsync(UserPermissions.ManageUsers)) return Denied();
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        Target = user;
        await LoadTimeZoneAsync();
        AvailableRoles = RoleChoice.Assignable(await roleStore.ListAsync());
        CurrentRoles = (await users.GetRolesAsync(user)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        IsSelf = users.GetUserId(User) == user.Id;
        IsLocked = user.LockoutEnd is { } end && end > clock.GetUtcNow();
        HasTwoFactor = user.TwoFactorEnabled;
        MayModify = RoleChoice.IsAdministrator(User) || !CurrentRoles.Contains(RoleNames.Administrator);
        CurrentOrganisation = await organisations.ShowAsync(await organisations.IdOfAsync(user), HttpContext.RequestAborted);
        return null;
    }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        Email = Target.Email ?? "";
        Roles = CurrentRoles.ToList();
        OrganisationSearch = CurrentOrganisation?.Label;
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        if (!MayModify) return Refuse(T["Only an administrator can change an administrator's account."]);

        // Roles the actor may not change keep their current state whatever the form says.
        var wanted = AvailableRoles
            .Where(r => RoleChoice.MayChange(User, r.Name) ? Roles.Contains(r.Name, StringComparer.OrdinalIgnoreCase) : CurrentRoles.Contains(r.Name))
            .Select(r => r.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (IsSelf && CurrentRoles.Contains(RoleNames.Administrator) && !wanted.Contains(RoleNames.Administrator))
            return Refuse(T["You cannot take yourself out of the Administrator role."]);
        // Read before anything is written: an unknown organisation refuses the whole form.
        // A post without the field at all (not a browser's: it always sends the box, empty or not) keeps it as it is.
        var organisation = Request.Form.ContainsKey(nameof(OrganisationSearch)) || Request.Form.ContainsKey(nameof(OrganisationId))
            ? await organisations.ReadAsync(OrganisationId, OrganisationSearch, CurrentOrganisation, HttpContext.RequestAborted)
            : new OrganisationRequest(CurrentOrganisation?.Id, CurrentOrganisation?.Label, null);
        if (organisation.Error is not null) return Refuse(organisation.Error);

        var email = Email.Trim();
        if (!string.Equals(email, Target.Email, StringComparison.Ordinal))
        {
            var changed = await users.SetEmailAsync(Target, email);
            if (!changed.Succeeded) return Refuse([.. changed.Errors.Select(e => e.Description)]);
        }
        var removed = CurrentRoles.Where(r => !wanted.Contains(r) && RoleNames.IsAssignable(r)).ToList();
        var added = wanted.Where(r => !CurrentRoles.Contains(r)).ToList();
        if (removed.Count > 0)
        {
            var result = await users.RemoveFromRolesAsync(Target, removed);
            if (!result.Succeeded) return Refuse([.. result.Errors.Select(e => e.Description)]);
        }
        if (added.Count > 0)
        {
            var result = await users.AddToRolesAsync(Target, added);
            if (!result.Succeeded) return Refuse([.. result.Errors.Select(e => e.Description)]);
        }
        if (added.Count + removed.Count > 0)
            await audit.RecordAsync(new AuditEntry(AuditActions.UserRolesChanged, User.Identity?.Name)
            {
                Category = AuditCategories.Security, SubjectId = Target.UserName, SubjectTitle = Target.UserName,
                Detail = string.Join("; ", new[] { added.Count > 0 ? "+ " + string.Join(", ", added) : null, removed.Count > 0 ? "- " + string.Join(", ", removed) : null }.Where(x => x is not null)),
            });
        if (organisation.Id != CurrentOrganisation?.Id)
        {
            var linked = await organisations.SetAsync(Target, organisation.Id);
            if (!linked.Succeeded) return Refuse([.. linked.Errors.Select(e => e.Description)]);
            await audit.RecordAsync(new AuditEntry(AuditActions.UserOrganisationChanged, User.Identity?.Name)
            {
                Category = AuditCategories.Security, SubjectId = Target.UserName, SubjectTitle = Target.UserName,
                Detail = UserOrganisations.Change(CurrentOrganisation?.Label, organisation.Label),
            });
        }
        // Changing one's own e-mail renews the security stamp; re-issue the cookie so the session goes on.
        if (IsSelf) await signIn.RefreshSignInAsync(Target);
        return Done(T["The changes were saved."]);
    }

    public async Task<IActionResult> OnPostLockAsync(string id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        if (IsSelf) return Refuse(T["You cannot lock your own account."]);
        if (!MayModify) return Refuse(T["Only an administrator can change an administrator's account."]);
        await users.SetLockoutEnabledAsync(Target, true);
        await users.SetLockoutEndDateAsync(Target, DateTimeOffset.MaxValue);
        // A new stamp ends the user's open sessions at the next validation.
        await users.UpdateSecurityStampAsync(Target);
        return Done(T["The account is locked: its owner cannot sign in or use API tokens."]);
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        if (!MayModify) return Refuse(T["Only an administrator can change an administrator's account."]);
        await users.SetLockoutEndDateAsync(Target, null);
        await users.ResetAccessFailedCountAsync(Target);
        return Done(T["The account is unlocked."]);
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(string id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        if (!MayModify) return Refuse(T["Only an administrator can change an administrator's account."]);
        if (NewPassword.Length == 0) return Refuse(T["Enter the new password."]);
        var token = await users.GeneratePasswordResetTokenAsync(Target);
        var result = await users.ResetPasswordAsync(Target, token, NewPassword);
        NewPassword = "";
        if (!result.Succeeded) return Refuse([.. result.Errors.Select(e => e.Description)]);
        if (IsSelf) await signIn.RefreshSignInAsync(Target);
        return Done(T["The password was changed. Give it to the user through a safe channel."]);
    }

    /// <summary>
    /// For a user who lost their phone and their recovery codes: the second factor goes, the key and codes with
    /// it, and the user's sessions end (new security stamp). If their role requires a second factor they set a
    /// new one up at their next sign-in.
    /// </summary>
    public async Task<IActionResult> OnPostResetTwoFactorAsync(string id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        if (IsSelf) return Refuse(A["Turn your own two-factor sign-in off on your account page."]);
        if (!MayModify) return Refuse(T["Only an administrator can change an administrator's account."]);
        await users.SetTwoFactorEnabledAsync(Target, false);
        await users.ResetAuthenticatorKeyAsync(Target);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(Target, 0);
        await users.UpdateSecurityStampAsync(Target);
        await audit.RecordAsync(new AuditEntry(AuditActions.TwoFactorReset, User.Identity?.Name)
        {
            Category = AuditCategories.Security, SubjectId = Target.UserName, SubjectTitle = Target.UserName,
            Address = HttpContext.Connection.RemoteIpAddress?.ToString(),
        });
        return Done(A["The second factor of {0} was removed; their sessions are signed out.", Target.UserName ?? ""]);
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        if (IsSelf) return Refuse(T["You cannot delete your own account."]);
        if (!MayModify) return Refuse(T["Only an administrator can change an administrator's account."]);
        var name = Target.UserName;
        var result = await users.DeleteAsync(Target);
        if (!result.Succeeded) return Refuse([.. result.Errors.Select(e => e.Description)]);
        TempData["Message"] = T["User {0} was deleted.", name ?? ""].Value;
        return Redirect("/admin/users");
    }

    private PageResult Refuse(params string[] messages)
    {
        Errors.AddRange(messages);
        Email = Request.Form.ContainsKey(nameof(Email)) ? Email : Target.Email ?? "";
        if (!Request.Form.ContainsKey(nameof(Roles))) Roles = CurrentRoles.ToList();
        if (!Request.Form.ContainsKey(nameof(OrganisationSearch))) OrganisationSearch = CurrentOrganisation?.Label;
        return Page();
    }

    private RedirectResult Done(string message)
    {
        TempData["Message"] = message;
        return Redirect($"/admin/users/{Target.Id}");
    }
}
