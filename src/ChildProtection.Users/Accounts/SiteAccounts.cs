using ChildProtection.Core.Security;
using ChildProtection.Users.Data;
using ChildProtection.Users.Roles;
using ChildProtection.Users.Security;
using Microsoft.AspNetCore.Identity;

namespace ChildProtection.Users.Accounts;

/// <summary>Setup's view of accounts: checks and creates the first administrator with Identity's own rules.</summary>
internal sealed class SiteAccounts(UserManager<User> users, RolePermissionStore roles) : ISiteAccounts
{
    public async Task<IReadOnlyList<string>> ValidateAdministratorAsync(string userName, string email, string password, CancellationToken cancellationToken = default)
    {
        // The same validators CreateAsync runs, without creating anything: a bad password costs setup nothing.
        var user = new User { UserName = userName, Email = email };
        var errors = new List<string>();
        foreach (var validator in users.UserValidators)
            errors.AddRange((await validator.ValidateAsync(users, user)).Errors.Select(e => e.Description));
        foreach (var validator in users.PasswordValidators)
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors.Select(e => e.Description));
        return errors.Distinct().ToList();
    }

    public async Task<IReadOnlyList<string>> CreateAdministratorAsync(string userName, string email, string password, CancellationToken cancellationToken = default)
    {
        // The setup recipe normally seeds the role; a recipe without a Roles step still gets a working administrator.
        if (await roles.FindAsync(RoleNames.Administrator, cancellationToken) is null)
        {
            var role = await roles.SaveAsync(RoleNames.Administrator, "", [], cancellationToken);
            if (!role.Succeeded) return role.Errors.Select(e => e.Description).ToList();
        }
        var user = new User { UserName = userName, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return created.Errors.Select(e => e.Description).ToList();
        var added = await users.AddToRoleAsync(user, RoleNames.Administrator);
        return added.Succeeded ? [] : added.Errors.Select(e => e.Description).ToList();
    }
}
