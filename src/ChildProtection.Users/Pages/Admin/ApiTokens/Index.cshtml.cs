using ChildProtection.Users.ApiTokens;
using ChildProtection.Users.Data;
using ChildProtection.Users.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Users.Pages.Admin.ApiTokens;

/// <summary>
/// API tokens: each is created by a user for themselves and carries that user's permissions. The secret
/// is shown once, in the response to the creating POST, and never stored.
/// </summary>
public sealed class IndexModel(ApiTokenService tokens, UserManager<User> users, TimeProvider clock, IStringLocalizer<UsersText> T) : UsersAdminPage
{
    [BindProperty] public string Name { get; set; } = "";
    /// <summary>Last valid day, in the site's time zone; empty for a token that does not expire.</summary>
    [BindProperty] public DateOnly? ExpiresOn { get; set; }

    public IReadOnlyList<ApiTokenInfo> Tokens { get; private set; } = [];
    public string? NewSecret { get; private set; }
    public List<string> Errors { get; } = [];
    public DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await CanAsync(UserPermissions.ManageApiTokens)) return Denied();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (!await CanAsync(UserPermissions.ManageApiTokens)) return Denied();
        await LoadTimeZoneAsync();
        var name = Name.Trim();
        if (name.Length is 0 or > 100) Errors.Add(T["Give the token a name (at most 100 characters) that says where it is used."]);
        DateTime? expiresUtc = null;
        if (!ModelState.IsValid && ModelState[nameof(ExpiresOn)]?.Errors.Count > 0) Errors.Add(T["The expiry date is not a valid date."]);
        else if (ExpiresOn is { } day)
        {
            // Valid through the whole chosen day in the site's time zone.
            var endLocal = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
            expiresUtc = TimeZoneInfo.ConvertTimeToUtc(endLocal, Zone);
            if (expiresUtc <= NowUtc) Errors.Add(T["The expiry date is in the past."]);
        }
        var userId = users.GetUserId(User);
        if (userId is null) return Denied();
        if (Errors.Count == 0)
        {
            var (_, secret) = await tokens.CreateAsync(userId, name, expiresUtc, HttpContext.RequestAborted);
            NewSecret = secret;
            Name = "";
            ExpiresOn = null;
            // The secret is in this response only: keep it out of every cache.
            Response.Headers.CacheControl = "no-store";
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(long tokenId)
    {
        if (!await CanAsync(UserPermissions.ManageApiTokens)) return Denied();
        TempData["Message"] = await tokens.RevokeAsync(tokenId, HttpContext.RequestAborted)
            ? T["The token was revoked; calls using it are refused from now on."].Value
            : T["That token was already revoked."].Value;
        return Redirect("/admin/api-tokens");
    }

    private async Task LoadAsync()
    {
        await LoadTimeZoneAsync();
        Tokens = await tokens.ListAsync(HttpContext.RequestAborted);
    }
}
