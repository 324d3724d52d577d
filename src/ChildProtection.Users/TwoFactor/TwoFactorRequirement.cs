using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Users.TwoFactor;

/// <summary>
/// A signed-in user whose role requires a second factor and who has none is sent to the set-up page before
/// any admin page (Hangfire's dashboard included) opens. Only <c>/admin</c> is guarded: <c>/api</c> never
/// reads the cookie (bearer tokens only), and the account pages — set-up, sign-out, password — and static
/// files must stay reachable. Whether the user has a second factor travels in the sign-in cookie
/// (<see cref="TwoFactorClaims.Enabled"/>), renewed with the security stamp, so no query is made per request.
/// </summary>
public sealed class TwoFactorRequirement(RequestDelegate next)
{
    public const string SetUpPath = "/account/two-factor";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/admin"))
        {
            var result = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
            if (result.Succeeded && result.Principal is { } user && !TwoFactorClaims.HasSecondFactor(user))
            {
                var roles = context.RequestServices.GetRequiredService<TwoFactorRoles>();
                var roleClaim = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value.ClaimsIdentity.RoleClaimType;
                if (await roles.IsRequiredForAsync(user.FindAll(roleClaim).Select(c => c.Value), context.RequestAborted))
                {
                    context.Response.Redirect(SetUpPath + "?required=1");
                    return;
                }
            }
        }
        await next(context);
    }
}

/// <summary>The claim that says the account signs in with a second factor (written by the claims factory).</summary>
public static class TwoFactorClaims
{
    public const string Enabled = "cp:two-factor";

    public static bool HasSecondFactor(ClaimsPrincipal user) => user.HasClaim(Enabled, "1");
}
