namespace ChildProtection.Core.Security;

/// <summary>Scheme names shared between the Users module (which registers them) and modules that accept them.</summary>
public static class AuthenticationSchemes
{
    /// <summary>Bearer API tokens created by an administrator; the principal carries the creating user's roles.</summary>
    public const string ApiToken = "ApiToken";
    /// <summary>ASP.NET Core Identity's application cookie.</summary>
    public const string Cookie = "Identity.Application";
}
