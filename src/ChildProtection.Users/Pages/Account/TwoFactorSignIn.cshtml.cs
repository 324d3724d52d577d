using ChildProtection.Audit;
using ChildProtection.Users.Accounts;
using ChildProtection.Users.Data;
using ChildProtection.Users.TwoFactor;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Users.Pages.Account;

/// <summary>
/// The second step of signing in: the password was right (Identity's two-factor cookie says who), now the
/// authenticator code or one recovery code. Wrong codes are throttled like wrong passwords (per address
/// first) and count towards Identity's lockout; a recovery code used is recorded in the audit trail.
/// </summary>
[AllowAnonymous]
public sealed class TwoFactorSignInModel(
    SignInManager<User> signIn,
    UsersDbContext db,
    SignInThrottle throttle,
    IAuthorizationService authorization,
    TimeProvider clock,
    IAuditTrail audit,
    IStringLocalizer<AccountText> A,
    ILogger<TwoFactorSignInModel> logger) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public bool UseRecoveryCode { get; set; }
    [BindProperty] public bool RememberMachine { get; set; }
    [BindProperty(SupportsGet = true)] public bool RememberMe { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }
    public bool Throttled { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool recovery = false)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return LocalRedirect("/login");
        UseRecoveryCode = recovery;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return LocalRedirect("/login");
        var address = SignInThrottle.AddressOf(HttpContext);
        var account = SignInThrottle.AccountKey(user.Id, user.UserName ?? "");
        if (await throttle.IsAddressBlockedAsync(address))
        {
            Throttled = true;
            Error = A["Too many failed sign-ins from your network. Wait a minute and try again."];
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "60";
            return Page();
        }
        var code = UseRecoveryCode ? AuthenticatorSetup.CleanRecoveryCode(Code) : AuthenticatorSetup.Clean(Code);
        Code = null;
        if (code.Length == 0)
        {
            Error = UseRecoveryCode ? A["Enter one of your recovery codes."] : A["Enter the 6-digit code your authenticator app shows."];
            return Page();
        }
        if (await throttle.IsLockedAsync(account, address, knownAccount: true))
        {
            await throttle.RecordRefusalAsync(address);
            return Locked();
        }

        var result = UseRecoveryCode
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, RememberMachine);
        if (result.IsLockedOut) return Locked();
        if (!result.Succeeded)
        {
            var locked = await throttle.RecordFailureAsync(account, address, knownAccount: true);
            await audit.RecordAsync(new AuditEntry(AuditActions.SignInFailed, user.UserName)
            {
                Category = AuditCategories.Security, SubjectId = user.UserName, Detail = UseRecoveryCode ? "wrong recovery code" : "wrong two-factor code",
                Address = HttpContext.Connection.RemoteIpAddress?.ToString(),
            });
            if (locked) return Locked();
            Error = UseRecoveryCode ? A["That recovery code is not valid (each code works once)."] : A["The code is not correct. Check the time on your phone and try the code it shows now."];
            return Page();
        }

        await throttle.RecordSuccessAsync(account, address);
        if (UseRecoveryCode)
        {
            var left = await signIn.UserManager.CountRecoveryCodesAsync(user);
            await audit.RecordAsync(new AuditEntry(AuditActions.RecoveryCodeUsed, user.UserName)
            {
                Category = AuditCategories.Security, SubjectId = user.UserName, Detail = $"{left} left", Address = HttpContext.Connection.RemoteIpAddress?.ToString(),
            });
        }
        return await LoginModel.FinishAsync(this, user, ReturnUrl, signIn, db, authorization, clock, audit, logger,
            UseRecoveryCode ? "password and recovery code" : "password and authenticator code");
    }

    private PageResult Locked()
    {
        Error = A["Too many failed attempts: this account cannot sign in from here for {0} minutes. Try again later or ask an administrator.", throttle.Limits.LockoutMinutes];
        return Page();
    }
}
