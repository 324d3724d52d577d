using System.ComponentModel.DataAnnotations;
using ChildProtection.Users.ApiTokens;
using ChildProtection.Users.Data;
using ChildProtection.Users.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Users.Pages.Admin.ApiTokens;

/// <summary>
/// API tokens: each is created by a user for themselves and carries that user's permissions, narrowed to
/// its scope (read, or read and write content), until its expiry (30, 90 or 365 days). The secret is shown
/// once, in the response to the creating POST, and never stored.
/// </summary>
public sealed class IndexModel(ApiTokenService tokens, UserManager<User> users, TimeProvider clock, IStringLocalizer<UsersText> T) : UsersAdminPage
{
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Name { get; set; } = "";
    /// <summary>Read only by default: a token that can change content is a choice made on purpose.</summary>
    [BindProperty] public ApiTokenScope Scope { get; set; } = ApiTokenScope.ReadContent;
    /// <summary>One of <see cref="ApiTokenService.LifetimeDays"/>.</summary>
    [BindProperty] public int ExpiryDays { get; set; } = ApiTokenService.DefaultLifetimeDays;

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
        if (ModelState[nameof(Scope)]?.Errors.Count > 0 || !Enum.IsDefined(Scope)) Errors.Add(T["Choose what the token may do."]);
        if (ModelState[nameof(ExpiryDays)]?.Errors.Count > 0 || !ApiTokenService.LifetimeDays.Contains(ExpiryDays))
            Errors.Add(T["Choose how long the token stays valid: 30, 90 or 365 days."]);
        var userId = users.GetUserId(User);
        if (userId is null) return Denied();
        if (Errors.Count == 0)
        {
            var (_, secret) = await tokens.CreateAsync(userId, name, Scope, NowUtc.AddDays(ExpiryDays), HttpContext.RequestAborted);
            NewSecret = secret;
            Name = "";
            Scope = ApiTokenScope.ReadContent;
            ExpiryDays = ApiTokenService.DefaultLifetimeDays;
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
