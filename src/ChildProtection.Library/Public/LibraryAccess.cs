using System.Security.Claims;
using ChildProtection.Core.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Library.Public;

/// <summary>Who is asking: may they see restricted material, and which school (if any) do they download for.</summary>
public static class LibraryAccess
{
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

    /// <summary>The organisation id of a signed-in school account (Core's <see cref="SiteClaims.Organisation"/> claim, set in the Users admin); 0 for everyone else.</summary>
    public static int OrganisationOf(ClaimsPrincipal user) => SiteClaims.OrganisationOf(user);
}
