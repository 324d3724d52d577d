using ChildProtection.Core.Modules;
using ChildProtection.Core.Security;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Themes;

/// <summary>
/// The "Themes" entry under Configuration. The admin layout localizes entries with its own resources,
/// which do not know this module's text, so the entry arrives already translated (an unknown key is shown as it is).
/// </summary>
public sealed class ThemesAdminMenu(IStringLocalizer<ThemesText> T) : IAdminMenuProvider
{
    public IEnumerable<AdminMenuItem> GetItems() =>
        [new(T["Themes"], "/admin/themes", ContentPermissions.ManageSettings.Name, 25, "Configuration")];
}
