using ChildProtection.Core.Security;
using ChildProtection.Core.Settings;
using ChildProtection.Themes.Catalog;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Themes.Pages.Admin.Themes;

/// <summary>
/// /admin/themes: the installed themes with their manifests and the active one; activating a theme
/// changes SiteSettings.Theme. The admin folder already requires AccessAdminPanel; this page also
/// requires ManageSettings, since the theme is a site setting.
/// </summary>
public sealed class IndexModel(
    ThemeCatalog catalog,
    ISiteSettingsService settingsService,
    IAuthorizationService authorization,
    IStringLocalizer<ThemesText> T,
    ILogger<IndexModel> logger) : PageModel
{
    public IReadOnlyList<ThemeInfo> Themes { get; private set; } = [];
    public string ActiveTheme { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await authorization.AuthorizeAsync(User, ContentPermissions.ManageSettings)) return Forbid();
        Themes = catalog.List();
        ActiveTheme = (await settingsService.GetAsync(cancellationToken)).Theme;
        return Page();
    }

    public async Task<IActionResult> OnPostActivateAsync(string? name, CancellationToken cancellationToken)
    {
        if (!await authorization.AuthorizeAsync(User, ContentPermissions.ManageSettings)) return Forbid();
        var theme = catalog.Find(name);
        if (theme is null)
        {
            TempData["Error"] = T["The theme \"{0}\" is not installed.", name ?? ""].Value;
            return RedirectToPage();
        }
        var current = await settingsService.GetAsync(cancellationToken);
        if (current.Theme != theme.Name)
        {
            // Settings come from a shared cache; change a copy.
            var settings = current.Clone();
            settings.Theme = theme.Name;
            await settingsService.SaveAsync(settings, cancellationToken);
            logger.LogInformation("{User} activated the theme {Theme}", User.Identity?.Name, theme.Name);
        }
        TempData["Message"] = T["The theme \"{0}\" is active.", theme.DisplayName].Value;
        return RedirectToPage();
    }
}
