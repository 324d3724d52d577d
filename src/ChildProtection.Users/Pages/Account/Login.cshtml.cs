using ChildProtection.Audit;
using ChildProtection.Core.Security;
using ChildProtection.Users.Accounts;
using ChildProtection.Users.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Users.Pages.Account;

/// <summary>
/// Sign in with user name or e-mail. Every failure reads the same whether or not the account exists,
/// and unknown names are throttled like real ones, so the page tells nobody which accounts exist.
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
    ILogger<LoginModel> logger) : PageModel
{
    private static string? dummyHash;

    [BindProperty] public string UserName { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public bool RememberMe { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
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
            // Hash anyway so that an unknown name takes as long to refuse as a wrong password.
            dummyHash ??= users.PasswordHasher.HashPassword(new User(), Guid.NewGuid().ToString());
            users.PasswordHasher.VerifyHashedPassword(new User(), dummyHash, Password);
            if (throttle.IsLocked(name)) return await RefuseAsync(name, "unknown account, throttled", lockedOut: true);
            throttle.RecordFailure(name);
            return await RefuseAsync(name, "unknown account", lockedOut: throttle.IsLocked(name));
        }

        var result = await signIn.PasswordSignInAsync(user, Password, RememberMe, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused: account {User} is locked out", user.UserName);
            return await RefuseAsync(user.UserName!, "locked out", lockedOut: true);
        }
        if (!result.Succeeded) return await RefuseAsync(user.UserName!, "wrong password", lockedOut: false);

        var now = clock.GetUtcNow().UtcDateTime;
        // A direct update: going through UserManager would change the concurrency stamp on every sign-in.
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInUtc, now));
        logger.LogInformation("User {User} signed in", user.UserName);
        await audit.RecordAsync(new AuditEntry(AuditActions.SignedIn, user.UserName)
        {
            Category = AuditCategories.Security, SubjectId = user.UserName, Address = HttpContext.Connection.RemoteIpAddress?.ToString(),
        });

        if (!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl)) return LocalRedirect(ReturnUrl);
        // Accounts without the admin area (schools, wards) land on the public site instead of a refusal.
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return LocalRedirect(await authorization.AuthorizeAsync(principal, ContentPermissions.AccessAdmin) ? "/admin" : "/");
    }

    /// <summary>Records the failure (the name as typed, why it failed, from where) and shows the same message whatever the cause.</summary>
    private async Task<PageResult> RefuseAsync(string name, string reason, bool lockedOut)
    {
        await audit.RecordAsync(new AuditEntry(AuditActions.SignInFailed, name)
        {
            Category = AuditCategories.Security, SubjectId = name, Detail = reason, Address = HttpContext.Connection.RemoteIpAddress?.ToString(),
        });
        return Refuse(lockedOut);
    }

    private PageResult Refuse(bool lockedOut)
    {
        Error = lockedOut
            ? T["Too many failed attempts: this account is locked for 15 minutes. Try again later or ask an administrator to unlock it."]
            : T["The user name or password is incorrect."];
        Password = "";
        return Page();
    }
}
