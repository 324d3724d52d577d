using ChildProtection.Core.Security;
using ChildProtection.Core.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Users.Pages;

/// <summary>What the module's admin pages share: the finer permission check and dates in the site's time zone.</summary>
public abstract class UsersAdminPage : PageModel
{
    private TimeZoneInfo? zone;

    /// <summary>A visitor who is not signed in is sent to the login page; a signed-in user without the right sees "access denied".</summary>
    protected IActionResult Denied() => User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();

    protected Task<bool> CanAsync(Permission permission) =>
        HttpContext.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(User, permission);

    public async Task LoadTimeZoneAsync()
    {
        var settings = await HttpContext.RequestServices.GetRequiredService<ISiteSettingsService>().GetAsync();
        try { zone = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone); }
        catch (TimeZoneNotFoundException) { zone = TimeZoneInfo.Utc; }
    }

    /// <summary>dd/MM/yyyy HH:mm in the site's time zone, the way Vietnamese readers write dates.</summary>
    public string Local(DateTime? utc) =>
        utc is { } value ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc), zone ?? TimeZoneInfo.Utc).ToString("dd/MM/yyyy HH:mm") : "—";

    public TimeZoneInfo Zone => zone ?? TimeZoneInfo.Utc;
}
