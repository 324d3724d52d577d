using System.Globalization;
using ChildProtection.Core.Settings;

namespace ChildProtection.Editorial.Scheduling;

/// <summary>Background work speaks the site's language (vi-VN by default), as the pages do for a request.</summary>
internal static class SiteCulture
{
    public static void Apply(SiteSettings settings)
    {
        var culture = settings.GetCulture();
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }
}
