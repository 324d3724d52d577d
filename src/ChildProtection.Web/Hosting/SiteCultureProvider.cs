using ChildProtection.Core.Recipes.Steps;
using ChildProtection.Core.Settings;
using Microsoft.AspNetCore.Localization;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// The site's own language (a setting, vi-VN unless changed) when the request names none by query
/// string or cookie.
/// </summary>
public sealed class SiteCultureProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var settings = await httpContext.RequestServices.GetRequiredService<ISiteSettingsService>().GetAsync(httpContext.RequestAborted);
        return SettingsStep.SupportedCultures.Contains(settings.Culture) ? new ProviderCultureResult(settings.Culture) : null;
    }
}
