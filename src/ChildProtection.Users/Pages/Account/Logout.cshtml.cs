using ChildProtection.Users.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildProtection.Users.Pages.Account;

/// <summary>Signing out is a POST (with antiforgery) so that no link or image on another site can do it; GET asks first.</summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInManager<User> signIn) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
