using System.Security.Claims;
using ChildProtection.Web.Tests;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Library.Tests;

/// <summary>Accounts made with Identity's own user manager, as the users admin does, signed in through /login.</summary>
public static class SchoolAccounts
{
    public const string Password = "Truong-hoc-2025!";

    public static async Task<SiteClient> SignInAsync(LibrarySite site, string userName, int? organisationId = null, string? role = null)
    {
        await using (var scope = site.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Users.Data.User>>();
            var user = new Users.Data.User { UserName = userName, Email = $"{userName}@example.edu.vn" };
            var created = await users.CreateAsync(user, Password);
            Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
            if (organisationId is { } id) Assert.True((await users.AddClaimAsync(user, new Claim(Core.Security.SiteClaims.Organisation, id.ToString()))).Succeeded);
            if (role is not null) Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }
        var client = site.Factory.CreateSiteClient();
        await client.SignInAsync(userName, Password);
        return client;
    }
}
