using System.ComponentModel.DataAnnotations;
using ChildProtection.Audit;
using ChildProtection.Users.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Users.Pages.Account;

/// <summary>
/// Sets a new password from a mailed link. The link is Identity's reset token: valid one hour and bound
/// to the security stamp, which the reset renews — so a link works once, and every session the account
/// had (a thief's included) ends at its next stamp validation, within a minute.
/// </summary>
[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<User> users, IAuditTrail audit, IStringLocalizer<AccountText> A) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string NewPassword { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string ConfirmPassword { get; set; } = "";

    public bool LinkInvalid { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await ValidUserAsync() is null) LinkInvalid = true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await ValidUserAsync();
        if (user is null)
        {
            LinkInvalid = true;
            return Page();
        }
        if (NewPassword.Length == 0) Errors.Add(A["Enter the new password."]);
        else if (NewPassword != ConfirmPassword) Errors.Add(A["The two new passwords are not the same."]);
        else
        {
            var result = await users.ResetPasswordAsync(user, Token!, NewPassword);
            if (result.Succeeded)
            {
                // Whoever holds the mailbox holds the account: a lock from failed guesses ends too.
                await users.SetLockoutEndDateAsync(user, null);
                await users.ResetAccessFailedCountAsync(user);
                await audit.RecordAsync(new AuditEntry(AuditActions.PasswordReset, user.UserName)
                {
                    Category = AuditCategories.Security, SubjectId = user.UserName, SubjectTitle = user.UserName, Detail = "by e-mailed link",
                    Address = HttpContext.Connection.RemoteIpAddress?.ToString(),
                });
                TempData["LoginMessage"] = A["Your new password is set. Sign in with it; your other sessions are signed out."].Value;
                return LocalRedirect("/login");
            }
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                LinkInvalid = true;
                return Page();
            }
            Errors.AddRange(result.Errors.Select(e => e.Description));
        }
        NewPassword = ConfirmPassword = "";
        return Page();
    }

    private async Task<User?> ValidUserAsync()
    {
        if (string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Token)) return null;
        var user = await users.FindByIdAsync(UserId);
        if (user is null) return null;
        return await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<User>.ResetPasswordTokenPurpose, Token)
            ? user : null;
    }
}
