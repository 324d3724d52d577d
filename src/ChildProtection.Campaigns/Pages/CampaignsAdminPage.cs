using System.Globalization;
using ChildProtection.Campaigns.Parts;
using ChildProtection.Campaigns.Reach;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Settings;
using ChildProtection.Organisations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Campaigns.Pages;

/// <summary>What the reach pages share: who is asking, refusals, the site's clock and calendar, and messages in Vietnamese.</summary>
public abstract class CampaignsAdminPage : PageModel
{
    public static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public Reporter Reporter { get; private set; } = null!;
    public SiteTime Time { get; private set; } = new(TimeZoneInfo.Utc);
    public DateOnly Today { get; private set; }

    protected IStringLocalizer<CampaignsText> Text => HttpContext.RequestServices.GetRequiredService<IStringLocalizer<CampaignsText>>();

    /// <summary>A visitor who is not signed in is sent to the login page; a signed-in user without the right sees "access denied".</summary>
    protected IActionResult Denied() => User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();

    protected async Task LoadReporterAsync()
    {
        var services = HttpContext.RequestServices;
        Reporter = await Reporter.FromAsync(User, services.GetRequiredService<IAuthorizationService>(), services.GetService<IRecipientDirectory>(), HttpContext.RequestAborted);
        var settings = await services.GetRequiredService<ISiteSettingsService>().GetAsync(HttpContext.RequestAborted);
        Time = SiteTime.From(settings);
        Today = Public.CampaignCatalog.Today(settings);
    }

    /// <summary>A published campaign by id, or null.</summary>
    protected async Task<ContentItem?> CampaignAsync(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 26) return null;
        var item = await HttpContext.RequestServices.GetRequiredService<IContentManager>().GetAsync(id, VersionOptions.Published, HttpContext.RequestAborted);
        return item?.ContentType == CampaignData.TypeName ? item : null;
    }

    /// <summary>A message of the reach checks, its field labels localized too.</summary>
    public string Localize(ReachError error) =>
        Text[error.Message, error.Args.Select(a => a is LocalizedLabel label ? Text[label.Key].Value : a).ToArray()].Value;

    public static string Number(long value) => value.ToString("N0", Vi);
    public static string Day(DateOnly day) => CampaignData.Format(day);
}
