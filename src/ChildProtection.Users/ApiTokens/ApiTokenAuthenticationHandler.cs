using System.Security.Claims;
using System.Text.Encodings.Web;
using ChildProtection.Core.Security;
using ChildProtection.Users.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChildProtection.Users.ApiTokens;

/// <summary>
/// The "ApiToken" scheme: <c>Authorization: Bearer cp_…</c>, for <c>/api/*</c> only (the default scheme's
/// selector in <see cref="UsersModule"/> never sends other paths here). The principal is the creating user's,
/// built like a cookie sign-in (name, id, roles), so permission checks give the token at most that user's
/// rights, plus the token's scope (<see cref="ApiScopes"/>) which the endpoints check on top.
/// Challenges answer 401 problem JSON, never a redirect to the login page.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens,
    UserManager<User> users,
    IUserClaimsPrincipalFactory<User> principals,
    IStringLocalizer<UsersText> T)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string TokenIdClaim = "api_token_id";
    /// <summary>The machine-readable reason of a refusal, carried from authentication to the challenge.</summary>
    private const string ErrorItem = "api_token_error";

    public static string? ReadBearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        return header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase) ? header[bearer.Length..].Trim() : null;
    }

    /// <summary>The paths API tokens are good for. Anywhere else a bearer header is ignored.</summary>
    public static bool IsApiPath(HttpRequest request) => request.Path.StartsWithSegments("/api");

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Defence in depth: even if a caller names this scheme outside /api, a token opens nothing there.
        if (!IsApiPath(Request)) return AuthenticateResult.NoResult();
        var secret = ReadBearer(Request);
        if (secret is null) return AuthenticateResult.NoResult();
        if (!secret.StartsWith(ApiTokenService.Prefix, StringComparison.Ordinal)) return AuthenticateResult.NoResult();

        var (token, refusal) = await tokens.CheckAsync(secret, Context.RequestAborted);
        switch (refusal)
        {
            case ApiTokenRefusal.Unknown: return Fail("token_unknown", T["The API token is unknown."]);
            case ApiTokenRefusal.Revoked: return Fail("token_revoked", T["The API token was revoked."]);
            case ApiTokenRefusal.Expired:
                return Fail("token_expired", T["The API token expired on {0} (UTC). Ask for a new token on the API tokens page.", token!.ExpiresUtc.ToString("dd/MM/yyyy HH:mm")]);
        }
        var user = await users.FindByIdAsync(token!.UserId);
        if (user is null) return Fail("token_unknown", T["The API token's user no longer exists."]);
        // Locking a user stops their tokens too.
        if (await users.IsLockedOutAsync(user)) return Fail("user_locked", T["The API token's user is locked."]);

        var principal = await principals.CreateAsync(user);
        var source = principal.Identities.First();
        var identity = new ClaimsIdentity(source.Claims, Scheme.Name, source.NameClaimType, source.RoleClaimType);
        identity.AddClaim(new Claim(TokenIdClaim, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(ApiScopes.Claim, ApiScopes.ReadContent));
        if (token.Scope == ApiTokenScope.WriteContent) identity.AddClaim(new Claim(ApiScopes.Claim, ApiScopes.WriteContent));
        await tokens.TouchAsync(token, Context.RequestAborted);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    private static AuthenticateResult Fail(string error, string message) =>
        AuthenticateResult.Fail(message, new AuthenticationProperties(new Dictionary<string, string?> { [ErrorItem] = error }));

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = result.Failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized,
            result.Properties?.Items.TryGetValue(ErrorItem, out var error) == true && error is not null ? error : "unauthorized",
            result.Failure?.Message ?? T["Send an API token: Authorization: Bearer cp_…"]);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "forbidden", T["The token's user lacks the permission for this action."]);

    /// <summary>RFC 9457 problem JSON, with the reason as a stable code programs can test.</summary>
    private Task WriteProblemAsync(int status, string error, string title)
    {
        Response.StatusCode = status;
        return Response.WriteAsJsonAsync(new Dictionary<string, object>
        {
            ["type"] = status == 401 ? "https://tools.ietf.org/html/rfc9110#section-15.5.2" : "https://tools.ietf.org/html/rfc9110#section-15.5.4",
            ["title"] = title,
            ["status"] = status,
            ["error"] = error,
        }, options: null, contentType: "application/problem+json");
    }
}
