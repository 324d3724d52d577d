using ChildProtection.Audit;
using ChildProtection.Core.Settings;
using ChildProtection.Users.Accounts;
using ChildProtection.Users.Data;
using ChildProtection.Users.TwoFactor;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Users.Pages.Account;

/// <summary>
/// The signed-in user's second factor: set up an authenticator app (QR code and key), confirm with a code,
/// get ten recovery codes (shown once), make new ones, or turn it off. Every change needs a current code,
/// so a stolen session alone cannot remove the second factor; wrong codes count against the address.
/// </summary>
[Authorize]
public sealed class TwoFactorModel(
    UserManager<User> users,
    SignInManager<User> signIn,
    SignInThrottle throttle,
    TwoFactorRoles roles,
    ISiteSettingsService site,
    IAuditTrail audit,
    IStringLocalizer<AccountText> A) : PageModel
{
    public const int RecoveryCodeCount = 10;

    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public bool Required { get; set; }

    public bool Enabled { get; private set; }
    public bool RequiredByRole { get; private set; }
    public string? QrDataUrl { get; private set; }
    public string? ManualKey { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    /// <summary>Set only in the answer that made them: they are never shown again.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }
    public string? Error { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (user.TwoFactorEnabled) return RedirectToPage();
        if (await CheckCodeAsync(user) is { } refused) return refused;

        await users.SetTwoFactorEnabledAsync(user, true);
        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        // The new security stamp would end this very session: re-issue its cookie (now with the second factor).
        await signIn.RefreshSignInAsync(user);
        await RecordAsync(user, AuditActions.TwoFactorEnabled, null);
        Message = A["Two-factor sign-in is on. Keep the recovery codes below somewhere safe: they are shown only now."];
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!user.TwoFactorEnabled) return RedirectToPage();
        if (await CheckCodeAsync(user) is { } refused) return refused;

        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        await RecordAsync(user, AuditActions.RecoveryCodesGenerated, null);
        Message = A["New recovery codes were made; the old ones no longer work."];
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (!user.TwoFactorEnabled) return RedirectToPage();
        if (await CheckCodeAsync(user) is { } refused) return refused;

        await users.SetTwoFactorEnabledAsync(user, false);
        // A later set-up gets a new key: the old one may still sit in a lost phone.
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.ForgetTwoFactorClientAsync();
        await signIn.RefreshSignInAsync(user);
        await RecordAsync(user, AuditActions.TwoFactorDisabled, null);
        TempData["AccountMessage"] = A["Two-factor sign-in is off."].Value;
        return RedirectToPage();
    }

    /// <summary>Null when the code is right; otherwise the page again with the reason (429 when the address is throttled).</summary>
    private async Task<IActionResult?> CheckCodeAsync(User user)
    {
        var address = SignInThrottle.AddressOf(HttpContext);
        if (await throttle.IsAddressBlockedAsync(address))
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Error = A["Too many failed sign-ins from your network. Wait a minute and try again."];
            await LoadAsync(user);
            return Page();
        }
        var code = AuthenticatorSetup.Clean(Code);
        Code = null;
        if (code.Length > 0 && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code)) return null;
        await throttle.RecordFailureAsync(SignInThrottle.AccountKey(user.Id, user.UserName ?? ""), address, knownAccount: true);
        Error = code.Length == 0 ? A["Enter the 6-digit code your authenticator app shows."] : A["The code is not correct. Check the time on your phone and try the code it shows now."];
        await LoadAsync(user);
        return Page();
    }

    private async Task LoadAsync(User user)
    {
        Enabled = user.TwoFactorEnabled;
        RequiredByRole = await roles.IsRequiredForAsync(await users.GetRolesAsync(user));
        Message ??= TempData["AccountMessage"] as string;
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            // Making the key renews the security stamp: keep this session.
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        var settings = await site.GetAsync();
        ManualKey = AuthenticatorSetup.Grouped(key!);
        QrDataUrl = AuthenticatorSetup.QrDataUrl(AuthenticatorSetup.Uri(settings.SiteName, user.UserName ?? user.Email ?? user.Id, key!));
    }

    private Task RecordAsync(User user, string action, string? detail) =>
        audit.RecordAsync(new AuditEntry(action, user.UserName)
        {
            Category = AuditCategories.Security, SubjectId = user.UserName, SubjectTitle = user.UserName, Detail = detail,
            Address = HttpContext.Connection.RemoteIpAddress?.ToString(),
        });
}
