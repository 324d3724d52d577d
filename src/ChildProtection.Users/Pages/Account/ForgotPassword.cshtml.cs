using System.ComponentModel.DataAnnotations;
using ChildProtection.Audit;
using ChildProtection.Core.Limits;
using ChildProtection.Core.Settings;
using ChildProtection.Users.Accounts;
using ChildProtection.Users.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Users.Pages.Account;

/// <summary>
/// Asks for a password-reset link. The answer is the same words, in about the same time, whether or not the
/// name or address is an account: the mail is built and sent afterwards (<see cref="PasswordResetMail"/>).
/// An address may ask a few times an hour, an account gets at most a few links an hour (more requests are
/// answered the same way but send nothing), so the page cannot be used to flood somebody's mailbox.
/// </summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(
    UserManager<User> users,
    PasswordResetMail mail,
    IRateCounter counter,
    ISiteSettingsService site,
    IAuditTrail audit,
    IStringLocalizer<AccountText> A) : PageModel
{
    public const int RequestsPerAddressPerHour = 10;
    public const int LinksPerAccountPerHour = 3;

    [BindProperty, DisplayFormat(ConvertEmptyStringToNull = false)] public string UserName { get; set; } = "";
    public bool Sent { get; private set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var name = UserName.Trim();
        if (name.Length == 0 || name.Length > 256)
        {
            Error = A["Enter your user name or e-mail address."];
            return Page();
        }
        var address = SignInThrottle.AddressOf(HttpContext);
        var user = await users.FindByNameAsync(name) ?? (name.Contains('@') ? await users.FindByEmailAsync(name) : null);
        var allowed = await counter.IncrementAsync("password-reset:address:" + address, TimeSpan.FromHours(1)) <= RequestsPerAddressPerHour;
        string outcome;
        if (user is null) outcome = "no such account";
        else if (!allowed) outcome = "address throttled";
        else if (await counter.IncrementAsync("password-reset:user:" + user.Id, TimeSpan.FromHours(1)) > LinksPerAccountPerHour) outcome = "account throttled";
        else if (string.IsNullOrEmpty(user.Email)) outcome = "account has no e-mail";
        else
        {
            mail.Enqueue(user.Id, await BaseUrlAsync());
            outcome = "link sent";
        }
        await audit.RecordAsync(new AuditEntry(AuditActions.PasswordResetRequested, null)
        {
            Category = AuditCategories.Security, SubjectId = user?.UserName ?? name, Detail = outcome, Address = HttpContext.Connection.RemoteIpAddress?.ToString(),
        });
        Sent = true;
        UserName = "";
        return Page();
    }

    /// <summary>
    /// The site's own address when it is set in the settings; otherwise this request's. (Set it in production:
    /// the request's Host header is the client's to choose.)
    /// </summary>
    private async Task<string> BaseUrlAsync() =>
        (await site.GetAsync()).BaseUrl is { Length: > 0 } configured ? configured : $"{Request.Scheme}://{Request.Host}{Request.PathBase}";
}
