using System.Globalization;
using ChildProtection.Core.Security;
using ChildProtection.Core.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MimeKit;

namespace ChildProtection.Mail.Pages.Admin;

/// <summary>SMTP settings (the password is write-only) and a test send that shows the server's answer.</summary>
public sealed class MailModel(SmtpSettingsService settingsService, IMailSender sender, ISiteSettingsService site, IAuthorizationService authorization, IStringLocalizer<MailText> T) : PageModel
{
    public SmtpSettings Current { get; private set; } = new();
    public bool HasPassword { get; private set; }
    public List<string> Errors { get; } = [];
    public string? TestAddress { get; private set; }
    public MailResult? TestResult { get; private set; }
    public bool TestWentToOutbox { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await authorization.AuthorizeAsync(User, MailPermission.ManageMailSettings)) return Forbid();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string? host, string? port, string? tlsMode, string? userName, string? password, bool clearPassword,
        string? senderAddress, string? senderName, string? replyToAddress, string? timeoutSeconds)
    {
        if (!await authorization.AuthorizeAsync(User, MailPermission.ManageMailSettings)) return Forbid();
        var stored = await settingsService.GetAsync(HttpContext.RequestAborted);
        var updated = stored.Clone();
        updated.Host = Blank(host);
        updated.UserName = Blank(userName);
        updated.SenderAddress = Blank(senderAddress);
        updated.SenderName = Blank(senderName);
        updated.ReplyToAddress = Blank(replyToAddress);

        if (updated.Host is { } h && (h.Length > 255 || Uri.CheckHostName(h) == UriHostNameType.Unknown))
            Errors.Add(T["The SMTP server must be a host name or an IP address, for example smtp.example.gov.vn."]);
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var portNumber) || portNumber is < 1 or > 65535)
            Errors.Add(T["The port must be a whole number from 1 to 65535 (usually 587, 465 or 25)."]);
        else updated.Port = portNumber;
        if (!Enum.TryParse<SmtpTlsMode>(tlsMode, ignoreCase: false, out var mode) || !Enum.IsDefined(mode))
            Errors.Add(T["Choose a connection security mode."]);
        else updated.TlsMode = mode;
        if (!int.TryParse(timeoutSeconds, NumberStyles.None, CultureInfo.InvariantCulture, out var timeout) || timeout is < 5 or > 300)
            Errors.Add(T["The timeout must be a whole number of seconds from 5 to 300."]);
        else updated.TimeoutSeconds = timeout;
        if (updated.Host is not null && updated.SenderAddress is null)
            Errors.Add(T["Enter the sender address: servers refuse mail without one."]);
        if (updated.SenderAddress is not null && !IsAddress(updated.SenderAddress))
            Errors.Add(T["The sender address is not a valid e-mail address."]);
        if (updated.ReplyToAddress is not null && !IsAddress(updated.ReplyToAddress))
            Errors.Add(T["The reply-to address is not a valid e-mail address."]);
        if (updated.SenderName?.Length > 200) Errors.Add(T["The sender name may have at most 200 characters."]);

        if (Errors.Count > 0)
        {
            Current = updated;
            HasPassword = !string.IsNullOrEmpty(stored.ProtectedPassword);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        await settingsService.SaveAsync(updated, password, clearPassword, HttpContext.RequestAborted);
        TempData["Message"] = T["Mail settings saved."].Value;
        return Redirect("/admin/mail");
    }

    public async Task<IActionResult> OnPostTestAsync(string? testAddress)
    {
        if (!await authorization.AuthorizeAsync(User, MailPermission.ManageMailSettings)) return Forbid();
        await LoadAsync();
        TestAddress = Blank(testAddress);
        if (TestAddress is null || !IsAddress(TestAddress))
        {
            Errors.Add(T["Enter a valid e-mail address to send the test message to."]);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var siteName = (await site.GetAsync(HttpContext.RequestAborted)).SiteName;
        var domain = Current.SenderAddress is { } from && from.Contains('@') ? from[(from.IndexOf('@') + 1)..] : "localhost";
        TestWentToOutbox = !Current.HasHost;
        TestResult = await sender.SendAsync(new MailMessageSpec
        {
            MessageId = $"test-{Guid.NewGuid():N}@{domain}",
            To = new MailAddressSpec(TestAddress),
            Subject = T["Test message from {0}", siteName],
            TextBody = T["This message was sent from the mail settings page of {0} to check that mail is delivered. No reply is needed.", siteName],
        }, HttpContext.RequestAborted);
        return Page();
    }

    private async Task LoadAsync()
    {
        Current = await settingsService.GetAsync(HttpContext.RequestAborted);
        HasPassword = !string.IsNullOrEmpty(Current.ProtectedPassword);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal static bool IsAddress(string value) =>
        MailboxAddress.TryParse(value, out var parsed) && string.IsNullOrEmpty(parsed.Name) && parsed.Address == value
        && value.IndexOf('@') is > 0 and var at && at < value.Length - 1;
}
