using ChildProtection.Audit;
using ChildProtection.Users.Pages.Admin.Users;
using ChildProtection.Users.Roles;
using ChildProtection.Users.Security;
using ChildProtection.Users.TwoFactor;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Users.Pages.Admin.TwoFactor;

/// <summary>
/// Which roles must sign in with a second factor. Saving here overrides <c>Security:TwoFactorRoles</c>;
/// "follow the configuration" hands the choice back to it (see <see cref="TwoFactorRoles"/>).
/// </summary>
public sealed class IndexModel(TwoFactorRoles twoFactor, RolePermissionStore roleStore, IAuditTrail audit, IStringLocalizer<AccountText> A) : UsersAdminPage
{
    [BindProperty] public List<string> Roles { get; set; } = [];
    [BindProperty] public bool FollowConfiguration { get; set; }

    public IReadOnlyList<RoleInfo> AvailableRoles { get; private set; } = [];
    public IReadOnlyList<string> ConfiguredRoles { get; private set; } = [];
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await CanAsync(UserPermissions.ManageRoles)) return Denied();
        await LoadAsync();
        Roles = [.. await twoFactor.RequiredAsync()];
        FollowConfiguration = !Saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await CanAsync(UserPermissions.ManageRoles)) return Denied();
        await LoadAsync();
        var before = await twoFactor.RequiredAsync();
        // Only roles that exist and can be given to a user: a typo must not look like a requirement.
        var chosen = AvailableRoles.Where(r => Roles.Contains(r.Name, StringComparer.OrdinalIgnoreCase)).Select(r => r.Name).ToList();
        await twoFactor.SaveAsync(new TwoFactorSettings { Roles = FollowConfiguration ? null : chosen });
        var after = await twoFactor.RequiredAsync();
        await audit.RecordAsync(new AuditEntry(AuditActions.SettingsChanged, User.Identity?.Name)
        {
            Category = AuditCategories.Settings, SubjectId = TwoFactorSettings.DocumentName, SubjectTitle = "Two-factor sign-in",
            Detail = $"{(FollowConfiguration ? "follow configuration; " : "")}required for: {Describe(before)} → {Describe(after)}",
        });
        TempData["Message"] = A["Saved. Two-factor sign-in is required for: {0}", after.Count == 0 ? A["no role"].Value : string.Join(", ", after)].Value;
        return Redirect("/admin/security/two-factor");
    }

    private static string Describe(IReadOnlyList<string> roles) => roles.Count == 0 ? "(none)" : string.Join(", ", roles);

    private async Task LoadAsync()
    {
        AvailableRoles = RoleChoice.Assignable(await roleStore.ListAsync());
        ConfiguredRoles = twoFactor.FromConfiguration();
        Saved = (await twoFactor.SavedAsync())?.Roles is not null;
    }
}
