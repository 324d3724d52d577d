using System.Security.Claims;
using ChildProtection.Users.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Users.TwoFactor;

/// <summary>
/// Guards every <c>/admin</c> request of a signed-in user:
/// <list type="bullet">
/// <item>The session must still be valid <em>now</em>: the security stamp is checked on each admin request
/// (one lookup of the user), not only once a minute as on the rest of the site. A second factor removed by an
/// administrator, a password reset or a role change ends the admin session at the next click, because the
/// admin is where an account can do harm (send notices to every school, publish).</item>
/// <item>A user whose role requires a second factor and who has none is sent to the set-up page before any
/// admin page (Hangfire's dashboard included) opens. Whether the user has one is read from the account, so
/// it cannot be stale.</item>
/// </list>
/// Only <c>/admin</c> is guarded: <c>/api</c> never reads the cookie (bearer tokens only), and the account
/// pages — set-up, sign-out, password — and static files must stay reachable.
/// </summary>
public sealed class TwoFactorRequirement(RequestDelegate next)
{
    public const string SetUpPath = "/account/two-factor";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/admin"))
        {
            var result = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
            if (result.Succeeded && result.Principal is { } principal)
            {
                var signIn = context.RequestServices.GetRequiredService<SignInManager<User>>();
                var user = await signIn.ValidateSecurityStampAsync(principal);
                if (user is null)
                {
                    await context.SignOutAsync(IdentityConstants.ApplicationScheme);
                    context.Response.Redirect("/login?ReturnUrl=" + Uri.EscapeDataString(context.Request.PathBase + context.Request.Path + context.Request.QueryString));
                    return;
                }
                if (!await signIn.UserManager.GetTwoFactorEnabledAsync(user))
                {
                    var roles = context.RequestServices.GetRequiredService<TwoFactorRoles>();
                    var roleClaim = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value.ClaimsIdentity.RoleClaimType;
                    if (await roles.IsRequiredForAsync(principal.FindAll(roleClaim).Select(c => c.Value), context.RequestAborted))
                    {
                        context.Response.Redirect(SetUpPath + "?required=1");
                        return;
                    }
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
