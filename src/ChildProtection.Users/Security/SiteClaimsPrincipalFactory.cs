using System.Security.Claims;
using ChildProtection.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ChildProtection.Users.Security;

/// <summary>
/// Name, id, security stamp, the user's own Identity claims (the base factory copies them: among them
/// <see cref="Core.Security.SiteClaims.Organisation"/>, the school an account speaks for) and role names —
/// but not the roles' permission claims, which Identity's role-aware factory would copy into every cookie;
/// permissions are looked up from the role cache instead. Also whether the account has a second factor.
/// </summary>
public sealed class SiteClaimsPrincipalFactory(UserManager<User> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<User>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        foreach (var role in await UserManager.GetRolesAsync(user))
            identity.AddClaim(new Claim(Options.ClaimsIdentity.RoleClaimType, role));
        // Read by the two-factor requirement on every admin request, without a query.
        if (await UserManager.GetTwoFactorEnabledAsync(user)) identity.AddClaim(new Claim(TwoFactor.TwoFactorClaims.Enabled, "1"));
        return identity;
    }
}
