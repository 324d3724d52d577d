using System.Globalization;
using System.Security.Claims;

namespace ChildProtection.Core.Security;

/// <summary>Claims of the site's own that one module writes and others read.</summary>
public static class SiteClaims
{
    /// <summary>
    /// The directory organisation (its id, invariant digits) a signed-in account speaks for: a school or a
    /// ward office. The Users admin stores it as an Identity user claim ("Đơn vị" on the user form), and
    /// Identity's claims factory copies user claims into the sign-in; the library counts downloads for it.
    /// </summary>
    public const string Organisation = "cp:organisation";

    /// <summary>The organisation id a signed-in account speaks for; 0 for visitors and accounts without one.</summary>
    public static int OrganisationOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && ParseOrganisation(user.FindFirst(Organisation)?.Value) is { } id ? id : 0;

    /// <summary>A stored claim value as an organisation id (a positive integer), or null.</summary>
    public static int? ParseOrganisation(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    public static string FormatOrganisation(int id) => id.ToString(CultureInfo.InvariantCulture);
}
