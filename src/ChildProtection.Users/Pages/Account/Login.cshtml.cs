using System.ComponentModel.DataAnnotations;
using ChildProtection.Audit;
using ChildProtection.Core.Security;
using ChildProtection.Users.Accounts;
using ChildProtection.Users.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Users.Pages.Account;

/// <summary>
/// Sign in with user name or e-mail. Every failure reads the same whether or not the account exists, and
/// every answer to a password costs one password-hash verification — unknown name, wrong password, locked
/// account alike — so neither the words nor the time tell anybody which accounts exist or are locked.
/// Failures are throttled per address first (<see cref="SignInThrottle"/>); an account with a second
/// factor goes on to <c>/account/two-factor/sign-in</c>.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(
    SignInManager<User> signIn,
    UserManager<User> users,
    UsersDbContext db,
    SignInThrottle throttle,
    IAuthorizationService authorization,
    TimeProvider clock,
    IAuditTrail audit,
    IStringLocalizer<UsersText> T,
    IStringLocalizer<AccountText> A,
    ILogger<LoginModel> logger) : PageModel
{
    private static string? dummyHash;

    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string UserName { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string Password { get; set; } = "";
    [BindProperty] public bool RememberMe { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }
    /// <summary>The address has used up its attempts: the page says so and offers no form for a minute.</summary>
    public bool Throttled { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var address = SignInThrottle.AddressOf(HttpContext);
        if (await throttle.IsAddressBlockedAsync(address)) return await TooManyAsync(UserName.Trim());

        var name = UserName.Trim();
        if (name.Length == 0 || Password.Length == 0)
        {
            Error = T["Enter your user name (or e-mail) and your password."];
            return Page();
        }

        var user = await users.FindByNameAsync(name);
        if (user is null && name.Contains('@')) user = await users.FindByEmailAsync(name);
        if (user is null)
        {
            // The same hash work as a real account's, locked or not.
            VerifyAgainstDummy(Password);
            var unknown = SignInThrottle.AccountKey(null, name);
            if (await throttle.IsLockedAsync(unknown, address, knownAccount: false))
            {
                await throttle.RecordRefusalAsync(address);
                return await RefuseAsync(name, "unknown account, throttled", lockedOut: true);
            }
            var nowLocked = await throttle.RecordFailureAsync(unknown, address, knownAccount: false);
            return await RefuseAsync(name, "unknown account", lockedOut: nowLocked);
        }

        var account = SignInThrottle.AccountKey(user.Id, name);
        if (await throttle.IsLockedAsync(account, address, knownAccount: true) || await users.IsLockedOutAsync(user))
        {
            // Identity answers a locked account without looking at the password: 2–3 ms against 70–140 ms
            // for an unknown name. Verify anyway (and throw the result away) so both take as long.
            users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash ?? DummyHash(), Password);
            await throttle.RecordRefusalAsync(address);
            logger.LogWarning("Sign-in refused: account {User} is locked out for {Address}", user.UserName, address);
            return await RefuseAsync(user.UserName!, "locked out", lockedOut: true);
        }

        var result = await signIn.PasswordSignInAsync(user, Password, RememberMe, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            // The password was right; the address's failures are forgotten only when the code is right too.
            return LocalRedirect(TwoFactorSignInUrl());
        }
        if (!result.Succeeded)
        {
            var pairLocked = await throttle.RecordFailureAsync(account, address, knownAccount: true);
            return await RefuseAsync(user.UserName!, result.IsLockedOut ? "wrong password, account locked" : "wrong password", lockedOut: pairLocked || result.IsLockedOut);
        }

        await throttle.RecordSuccessAsync(account, address);
        return await SignedInAsync(user);
    }

    private string TwoFactorSignInUrl()
    {
        var query = new List<string>();
        if (!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl)) query.Add("ReturnUrl=" + Uri.EscapeDataString(ReturnUrl));
        if (RememberMe) query.Add("RememberMe=true");
        return "/account/two-factor/sign-in" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }

    /// <summary>What every successful sign-in does, with or without a second step: the date, the trail, where to go.</summary>
    internal static async Task<IActionResult> FinishAsync(PageModel page, User user, string? returnUrl, SignInManager<User> signIn, UsersDbContext db,
        IAuthorizationService authorization, TimeProvider clock, IAuditTrail audit, ILogger logger, string? detail = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // A direct update: going through UserManager would change the concurrency stamp on every sign-in.
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInUtc, now));
        logger.LogInformation("User {User} signed in", user.UserName);
        await audit.RecordAsync(new AuditEntry(AuditActions.SignedIn, user.UserName)
        {
            Category = AuditCategories.Security, SubjectId = user.UserName, Detail = detail, Address = page.HttpContext.Connection.RemoteIpAddress?.ToString(),
        });

        if (!string.IsNullOrEmpty(returnUrl) && page.Url.IsLocalUrl(returnUrl)) return page.LocalRedirect(returnUrl);
        // Accounts without the admin area (schools, wards) land on the public site instead of a refusal.
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return page.LocalRedirect(await authorization.AuthorizeAsync(principal, ContentPermissions.AccessAdmin) ? "/admin" : "/");
    }

    private Task<IActionResult> SignedInAsync(User user) => FinishAsync(this, user, ReturnUrl, signIn, db, authorization, clock, audit, logger);

    private string DummyHash() => dummyHash ??= users.PasswordHasher.HashPassword(new User(), Guid.NewGuid().ToString());

    private void VerifyAgainstDummy(string password) => users.PasswordHasher.VerifyHashedPassword(new User(), DummyHash(), password);

    /// <summary>The 429 answer: nothing of the attempt is checked, so it costs the site (almost) nothing.</summary>
    private async Task<IActionResult> TooManyAsync(string name)
    {
        await audit.RecordAsync(new AuditEntry(AuditActions.SignInFailed, name.Length > 0 ? name : null)
        {
            Category = AuditCategories.Security, SubjectId = name, Detail = "address throttled", Address = HttpContext.Connection.RemoteIpAddress?.ToString(),
        });
        Throttled = true;
        Error = A["Too many failed sign-ins from your network. Wait a minute and try again."];
        Password = "";
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Response.Headers.RetryAfter = "60";
        return Page();
    }

    /// <summary>Records the failure (the name as typed, why it failed, from where) and shows the same message whatever the cause.</summary>
    private async Task<PageResult> RefuseAsync(string name, string reason, bool lockedOut)
    {
        await audit.RecordAsync(new AuditEntry(AuditActions.SignInFailed, name)
        {
            Category = AuditCategories.Security, SubjectId = name, Detail = reason, Address = HttpContext.Connection.RemoteIpAddress?.ToString(),
        });
        Error = lockedOut
            ? A["Too many failed attempts: this account cannot sign in from here for {0} minutes. Try again later or ask an administrator.", throttle.Limits.LockoutMinutes]
            : T["The user name or password is incorrect."];
        Password = "";
        return Page();
    }
}
