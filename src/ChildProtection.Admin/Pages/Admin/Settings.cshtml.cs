using ChildProtection.Audit;
using ChildProtection.Admin.Editing;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Recipes.Steps;
using ChildProtection.Core.Security;
using ChildProtection.Core.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Admin.Pages.Admin;

public sealed class SettingsModel(ISiteSettingsService settings, IContentManager contents, IAuthorizationService authorization, IAuditTrail audit, IStringLocalizer<AdminText> T) : PageModel
{
    public SiteSettings Current { get; private set; } = new();
    public IReadOnlyList<ContentItem> Pages { get; private set; } = [];
    public List<string> Errors { get; } = [];
    public IEnumerable<string> TimeZones => TimeZoneInfo.GetSystemTimeZones().Select(t => t.Id).Where(id => id.Contains('/')).Order();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await authorization.AuthorizeAsync(User, ContentPermissions.ManageSettings)) return Forbid();
        Current = await settings.GetAsync(HttpContext.RequestAborted);
        Pages = await contents.ListLatestOfTypeAsync("Page", HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string siteName, string? description, string? baseUrl, string? hotline, string? homeContentItemId, string timeZone, string culture, string? pageSize)
    {
        if (!await authorization.AuthorizeAsync(User, ContentPermissions.ManageSettings)) return Forbid();
        var before = await settings.GetAsync(HttpContext.RequestAborted);
        var updated = before.Clone();
        Pages = await contents.ListLatestOfTypeAsync("Page", HttpContext.RequestAborted);
        updated.SiteName = (siteName ?? "").Trim();
        updated.Description = description?.Trim();
        updated.BaseUrl = string.IsNullOrWhiteSpace(baseUrl) ? null : baseUrl.Trim().TrimEnd('/');
        updated.Hotline = string.IsNullOrWhiteSpace(hotline) ? "111" : hotline.Trim();
        updated.HomeContentItemId = string.IsNullOrEmpty(homeContentItemId) ? null : homeContentItemId;
        updated.TimeZone = timeZone;
        updated.Culture = culture;
        if (updated.SiteName.Length is 0 or > 200) Errors.Add(T["Enter the site name (at most 200 characters)."]);
        if (updated.BaseUrl is not null && !(Uri.TryCreate(updated.BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            Errors.Add(T["The public address must start with https:// or http://."]);
        if (!TimeZones.Contains(timeZone)) Errors.Add(T["Unknown time zone."]);
        if (!SettingsStep.SupportedCultures.Contains(culture)) Errors.Add(T["Unsupported language."]);
        if (!int.TryParse(pageSize, out var size) || size is < 1 or > 100) Errors.Add(T["Items per page must be a whole number from 1 to 100."]);
        else updated.PageSize = size;
        if (updated.HomeContentItemId is not null && Pages.All(p => p.ContentItemId != updated.HomeContentItemId)) Errors.Add(T["Choose a page as the home page."]);
        if (Errors.Count > 0)
        {
            Current = updated;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        await settings.SaveAsync(updated, HttpContext.RequestAborted);
        var changes = SettingsChanges.Describe(before, updated);
        if (changes.Length > 0)
            await audit.RecordAsync(new AuditEntry(AuditActions.SettingsChanged, User.Identity?.Name)
            {
                Category = AuditCategories.Settings, SubjectId = "SiteSettings", SubjectTitle = T["Site settings"], Detail = changes,
            });
        TempData["Message"] = T["Settings saved."].Value;
        return Redirect("/admin/settings");
    }
}
