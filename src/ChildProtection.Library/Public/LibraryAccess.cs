using System.Security.Claims;
using ChildProtection.Core.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Library.Public;

/// <summary>Who is asking: may they see restricted material, and which school (if any) do they download for.</summary>
public static class LibraryAccess
{
    /// <summary>
    /// The claim naming the directory organisation (its id) a signed-in account speaks for. The Users
    /// module has no user-to-organisation link yet; an account carries this claim when an administrator
    /// gives it one (Identity's user claims are copied into the sign-in), and downloads are then counted
    /// for that school.
    /// </summary>
    public const string OrganisationClaim = "cp:organisation";

    private const string CacheKey = "ChildProtection.Library.CanSeeRestricted";

    public static async Task<bool> CanSeeRestrictedAsync(HttpContext http)
    {
        if (http.Items.TryGetValue(CacheKey, out var cached) && cached is bool b) return b;
        var user = http.User;
        var may = user.Identity?.IsAuthenticated == true
            && await http.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(user, LibraryPermissions.ViewRestrictedResources);
        http.Items[CacheKey] = may;
        return may;
    }

    /// <summary>The organisation id of a signed-in school account; 0 for everyone else.</summary>
    public static int OrganisationOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true
        && int.TryParse(user.FindFirst(OrganisationClaim)?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
        && id > 0 ? id : 0;
}
