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
/// Every signed-in user changes their own password with the current one; Identity's validators say what is
/// wrong in Vietnamese. The new security stamp ends the user's other sessions within the stamp-validation
/// interval (one minute); this one goes on.
/// </summary>
[Authorize]
public sealed class PasswordModel(UserManager<User> users, SignInManager<User> signIn, IAuditTrail audit, IStringLocalizer<AccountText> A) : PageModel
{
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string CurrentPassword { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string NewPassword { get; set; } = "";
    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string ConfirmPassword { get; set; } = "";

    public List<string> Errors { get; } = [];
    public string? Message { get; private set; }

    public void OnGet() => Message = TempData["AccountMessage"] as string;

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (CurrentPassword.Length == 0 || NewPassword.Length == 0) Errors.Add(A["Enter your current password and the new one."]);
        else if (NewPassword != ConfirmPassword) Errors.Add(A["The two new passwords are not the same."]);
        else
        {
            var result = await users.ChangePasswordAsync(user, CurrentPassword, NewPassword);
            if (result.Succeeded)
            {
                await signIn.RefreshSignInAsync(user);
                await audit.RecordAsync(new AuditEntry(AuditActions.PasswordChanged, user.UserName)
                {
                    Category = AuditCategories.Security, SubjectId = user.UserName, SubjectTitle = user.UserName, Address = HttpContext.Connection.RemoteIpAddress?.ToString(),
                });
                TempData["AccountMessage"] = A["Your password was changed. Your other sessions are signed out."].Value;
                return RedirectToPage();
            }
            Errors.AddRange(result.Errors.Select(e => e.Description));
        }
        CurrentPassword = NewPassword = ConfirmPassword = "";
        return Page();
    }
}
