using System.Security.Claims;
using System.Text.Encodings.Web;
using ChildProtection.Users.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChildProtection.Users.ApiTokens;

/// <summary>
/// The "ApiToken" scheme: <c>Authorization: Bearer cp_…</c>. The principal is the creating user's, built
/// like a cookie sign-in (name, id, roles), so permission checks give the token exactly that user's rights.
/// Challenges answer 401 JSON, never a redirect to the login page.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens,
    UserManager<User> users,
    IUserClaimsPrincipalFactory<User> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string TokenIdClaim = "api_token_id";

    public static string? ReadBearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        return header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ? header[bearer.Length..].Trim() : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = ReadBearer(Request);
        if (secret is null) return AuthenticateResult.NoResult();
        if (!secret.StartsWith(ApiTokenService.Prefix, StringComparison.Ordinal)) return AuthenticateResult.NoResult();

        var token = await tokens.FindActiveAsync(secret, Context.RequestAborted);
        if (token is null) return AuthenticateResult.Fail("The API token is unknown, revoked or expired.");
        var user = await users.FindByIdAsync(token.UserId);
        if (user is null) return AuthenticateResult.Fail("The API token's user no longer exists.");
        // Locking a user stops their tokens too.
        if (await users.IsLockedOutAsync(user)) return AuthenticateResult.Fail("The API token's user is locked.");

        var principal = await principals.CreateAsync(user);
        var source = principal.Identities.First();
        var identity = new ClaimsIdentity(source.Claims, Scheme.Name, source.NameClaimType, source.RoleClaimType);
        identity.AddClaim(new Claim(TokenIdClaim, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await tokens.TouchAsync(token, Context.RequestAborted);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Response.WriteAsJsonAsync(new
        {
            error = "unauthorized",
            message = result.Failure?.Message ?? "Send an API token: Authorization: Bearer cp_…",
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Response.WriteAsJsonAsync(new { error = "forbidden", message = "The token's user lacks the permission for this action." });
    }
}
