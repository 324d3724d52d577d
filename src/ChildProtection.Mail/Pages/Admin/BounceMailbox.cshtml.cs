using System.Globalization;
using ChildProtection.Core.Security;
using ChildProtection.Mail.Bounces;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Mail.Pages.Admin;

/// <summary>What the bounce mailbox section of the mail settings page shows: the saved (or just entered) settings, errors and a test's outcome.</summary>
public sealed class BounceMailboxView
{
    public BounceMailboxSettings Settings { get; init; } = new();
    public bool HasPassword { get; init; }
    public IReadOnlyList<string> Errors { get; init; } = [];
    public BounceMailboxCheck? Check { get; init; }
}

/// <summary>
/// The bounce mailbox settings (IMAP account and bounce address; the password is write-only) and "test the
/// mailbox". Shown as a section of /admin/mail; its forms post here, and a failed save or a test shows the
/// section again on its own page with the outcome.
/// </summary>
public sealed class BounceMailboxModel(BounceMailboxSettingsService settingsService, BounceMailbox mailbox, IAuthorizationService authorization, IStringLocalizer<MailText> T) : PageModel
{
    public BounceMailboxView View { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await authorization.AuthorizeAsync(User, MailPermission.ManageMailSettings)) return Forbid();
        return Redirect("/admin/mail#bounce-mailbox");
    }

    public async Task<IActionResult> OnPostSaveAsync(string? imapHost, string? imapPort, string? imapTlsMode, string? imapUserName, string? imapPassword,
        bool clearImapPassword, string? imapFolder, string? bounceAddress)
    {
        if (!await authorization.AuthorizeAsync(User, MailPermission.ManageMailSettings)) return Forbid();
        var stored = await settingsService.GetAsync(HttpContext.RequestAborted);
        var updated = stored.Clone();
        var errors = new List<string>();
        updated.ImapHost = Blank(imapHost);
        updated.UserName = Blank(imapUserName);
        updated.Folder = Blank(imapFolder) ?? "INBOX";
        updated.BounceAddress = Blank(bounceAddress);

        if (updated.ImapHost is { } h && (h.Length > 255 || Uri.CheckHostName(h) == UriHostNameType.Unknown))
            errors.Add(T["The IMAP server must be a host name or an IP address, for example imap.example.gov.vn."]);
        if (!int.TryParse(imapPort, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            errors.Add(T["The IMAP port must be a whole number from 1 to 65535 (usually 993 or 143)."]);
        else updated.ImapPort = port;
        if (!Enum.TryParse<SmtpTlsMode>(imapTlsMode, ignoreCase: false, out var mode) || !Enum.IsDefined(mode))
            errors.Add(T["Choose a connection security mode for the mailbox."]);
        else updated.TlsMode = mode;
        if (updated.Folder.Length > 200 || updated.Folder.Any(char.IsControl))
            errors.Add(T["The folder name may have at most 200 characters."]);
        if (updated.BounceAddress is { } address)
        {
            if (!MailModel.IsAddress(address)) errors.Add(T["The bounce address is not a valid e-mail address."]);
            // The tag goes after a '+' of our own: a second one would make the address ambiguous.
            else if (address[..address.LastIndexOf('@')].Contains('+')) errors.Add(T["The bounce address must not contain '+': the system adds its own tag after it."]);
        }
        if (updated.ImapHost is not null && updated.BounceAddress is null)
            errors.Add(T["Enter the bounce address that delivers into this mailbox."]);
        if (updated.ImapHost is null && updated.BounceAddress is not null)
            errors.Add(T["Enter the IMAP server of the mailbox the bounce address delivers to: nobody would read the bounces otherwise."]);

        if (errors.Count > 0)
        {
            View = new BounceMailboxView { Settings = updated, HasPassword = !string.IsNullOrEmpty(stored.ProtectedPassword), Errors = errors };
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        await settingsService.SaveAsync(updated, imapPassword, clearImapPassword, HttpContext.RequestAborted);
        TempData["Message"] = T["Bounce mailbox settings saved."].Value;
        return Redirect("/admin/mail#bounce-mailbox");
    }

    public async Task<IActionResult> OnPostTestAsync()
    {
        if (!await authorization.AuthorizeAsync(User, MailPermission.ManageMailSettings)) return Forbid();
        var settings = await settingsService.GetAsync(HttpContext.RequestAborted);
        var check = await mailbox.CheckAsync(HttpContext.RequestAborted);
        View = new BounceMailboxView { Settings = settings, HasPassword = !string.IsNullOrEmpty(settings.ProtectedPassword), Check = check };
        if (!check.Ok) Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
