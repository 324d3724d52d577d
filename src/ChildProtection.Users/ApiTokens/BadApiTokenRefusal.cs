using ChildProtection.Core.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace ChildProtection.Users.ApiTokens;

/// <summary>
/// An API request that presents a token which is unknown, revoked or expired is answered 401 at once,
/// even on endpoints open to visitors: treating it as anonymous would hide from the calling program that
/// its token no longer works. Outside <c>/api</c> a bearer header means nothing and is left alone.
/// </summary>
public sealed class BadApiTokenRefusal(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (ApiTokenAuthenticationHandler.IsApiPath(context.Request)
            && ApiTokenAuthenticationHandler.ReadBearer(context.Request) is { } secret && secret.StartsWith(ApiTokenService.Prefix, StringComparison.Ordinal))
        {
            var result = await context.AuthenticateAsync(AuthenticationSchemes.ApiToken);
            if (result.Failure is not null)
            {
                await context.ChallengeAsync(AuthenticationSchemes.ApiToken);
                return;
            }
        }
        await next(context);
    }
}
