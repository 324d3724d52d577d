using System.Security.Claims;

namespace ChildProtection.Core.Security;

/// <summary>
/// What an API token may do, whatever its user's permissions allow: the Users module writes the claim
/// when it authenticates a token, API endpoints read it. Both scopes read; only <see cref="WriteContent"/>
/// creates, changes or deletes.
/// </summary>
public static class ApiScopes
{
    public const string Claim = "cp:api_scope";
    public const string ReadContent = "content:read";
    public const string WriteContent = "content:write";

    /// <summary>May the caller change content through the API (a token with the write scope).</summary>
    public static bool AllowsWrite(ClaimsPrincipal user) => user.HasClaim(Claim, WriteContent);
}
