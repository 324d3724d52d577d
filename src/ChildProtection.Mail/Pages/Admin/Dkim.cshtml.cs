using System.Text.RegularExpressions;
using ChildProtection.Core.Security;
using ChildProtection.Mail.Dkim;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using MimeKit;
using MimeKit.Cryptography;

namespace ChildProtection.Mail.Pages.Admin;

/// <summary>
/// DKIM signing: the signing domain and selector, a key made here or imported, the DNS record to
/// publish, and a check that signs a sample message and verifies it against that record.
/// </summary>
public sealed partial class DkimModel(DkimSettingsService dkim, SmtpSettingsService smtp, IAuthorizationService authorization, TimeProvider clock, IStringLocalizer<MailText> T) : PageModel
{
    /// <summary>Private keys of 4096 bits are under 3.5 KB as PEM; anything much longer is not one.</summary>
    private const int MaxPemLength = 8000;

    public DkimSettings Current { get; private set; } = new();
    public bool KeyReadable { get; private set; }
    public string? SenderAddress { get; private set; }
    public List<string> Errors { get; } = [];
    public bool? CheckPassed { get; private set; }
    public string? CheckDetail { get; private set; }

    public string? RecordName => Current.Domain is { } d && Current.Selector is { } s ? DkimKeys.RecordName(s, d) : null;

    /// <summary>Mailbox providers align the signing domain with the From address (DMARC): warn when they differ.</summary>
    public bool SenderDomainDiffers =>
        SenderAddress is { } from && from.Contains('@') && Current.Domain is { } domain
        && !SameOrParent(from[(from.IndexOf('@') + 1)..], domain);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await authorization.AuthorizeAsync(User, MailPermission.ManageMailSettings)) return Forbid();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string? domain, string? selector, bool enabled)
    {
        if (!await authorization.AuthorizeAsync(User, MailPermission.ManageMailSettings)) return Forbid();
        await LoadAsync();
        var updated = Current.Clone();
        updated.Domain = Blank(domain)?.TrimEnd('.').ToLowerInvariant();
        updated.Selector = Blank(selector)?.ToLowerInvariant();
        updated.Enabled = enabled;

        if (updated.Domain is { } d && (d.Length > 253 || !d.Contains('.') || Uri.CheckHostName(d) != UriHostNameType.Dns))
            Errors.Add(T["The signing domain must be a domain name, for example ldtbxh.example.gov.vn."]);
        if (updated.Selector is { } s && !SelectorPattern().IsMatch(s))
            Errors.Add(T["The selector may hold only letters a–z, digits and hyphens (dots between parts), for example cp2026."]);
        if (enabled && (updated.Domain is null || updated.Selector is null))
            Errors.Add(T["Enter the signing domain and the selector before turning signing on."]);
        if (enabled && !updated.HasKey)
            Errors.Add(T["Make or import a key before turning signing on."]);

        if (Errors.Count > 0)
        {
            Current = updated;
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        await dkim.SaveAsync(updated, HttpContext.RequestAborted);
        TempData["Message"] = enabled ? T["DKIM settings saved: outgoing mail is signed."].Value : T["DKIM settings saved: outgoing mail is not signed."].Value;
        return Redirect("/admin/mail/dkim");
    }

    public async Task<IActionResult> OnPostGenerateAsync()
    {
        if (!await authorization.AuthorizeAsync(User, MailPermission.ManageMailSettings)) return Forbid();
        await dkim.SaveKeyAsync(DkimKeys.Generate(), clock.GetUtcNow().UtcDateTime, HttpContext.RequestAborted);
        TempData["Message"] = T["A new key was made. Publish the DNS record below before mail signed with it goes out."].Value;
        return Redirect("/admin/mail/dkim");
    }

    public async Task<IActionResult> OnPostImportAsync(string? privateKeyPem)
    {
        if (!await authorization.AuthorizeAsync(User, MailPermission.ManageMailSettings)) return Forbid();
        await LoadAsync();
        var pem = privateKeyPem?.Trim();
        DkimKeys.KeyPair? key = null;
        string? problem = "empty";
        if (!string.IsNullOrEmpty(pem) && pem.Length <= MaxPemLength) key = DkimKeys.Import(pem, out problem);
        else if (pem?.Length > MaxPemLength) problem = "not-a-key";
        if (key is null)
        {
            Errors.Add(problem switch
            {
                "empty" => T["Paste the private key (PEM, beginning with -----BEGIN PRIVATE KEY-----)."],
                "public-only" => T["This is a public key; signing needs the private key."],
                "size" => T["The key must have from 1024 to 4096 bits."],
                _ => T["This is not an RSA private key in PEM form."],
            });
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        await dkim.SaveKeyAsync(key, clock.GetUtcNow().UtcDateTime, HttpContext.RequestAborted);
        TempData["Message"] = T["The key was imported."].Value;
        return Redirect("/admin/mail/dkim");
    }

    /// <summary>
    /// Signs a sample message with the stored key exactly as outgoing mail is signed, and verifies it
    /// against the record the page shows: a key the page cannot read back (Data Protection keys lost)
    /// or a record that does not match the key is found here, not by a school's spam filter.
    /// </summary>
    public async Task<IActionResult> OnPostCheckAsync()
    {
        if (!await authorization.AuthorizeAsync(User, MailPermission.ManageMailSettings)) return Forbid();
        await LoadAsync();
        var signing = Current.Clone();
        signing.Enabled = true;
        var signer = signing.Domain is null || signing.Selector is null ? null : dkim.CreateSigner(signing);
        if (signer is null)
        {
            CheckPassed = false;
            CheckDetail = !Current.HasKey || Current.Domain is null || Current.Selector is null
                ? T["Enter the domain and selector and make or import a key first."]
                : T["The stored key cannot be read (the site's protection keys have changed). Make or import a key again."];
            return Page();
        }
        var sample = MimeMessageFactory.Create(new MailMessageSpec
        {
            MessageId = $"dkim-check-{Guid.NewGuid():N}@{signing.Domain}",
            To = new MailAddressSpec($"kiemtra@{signing.Domain}"),
            Subject = "Kiểm tra chữ ký DKIM",
            TextBody = "Thư mẫu để kiểm tra chữ ký.",
        }, await smtp.GetAsync(HttpContext.RequestAborted), signer);
        var verifier = new DkimVerifier(new DkimRecordLocator(DkimKeys.RecordValue(Current.PublicKey!)));
        var header = sample.Headers[sample.Headers.IndexOf(HeaderId.DkimSignature)];
        CheckPassed = await verifier.VerifyAsync(sample, header, HttpContext.RequestAborted);
        CheckDetail = CheckPassed == true
            ? T["A sample message signed with the stored key verifies against the record shown below."]
            : T["A sample message signed with the stored key does not verify against the record shown below. Make or import the key again."];
        return Page();
    }

    private async Task LoadAsync()
    {
        Current = await dkim.GetAsync(HttpContext.RequestAborted);
        KeyReadable = dkim.KeyIsReadable(Current);
        SenderAddress = (await smtp.GetAsync(HttpContext.RequestAborted)).SenderAddress;
    }

    private static bool SameOrParent(string senderDomain, string signingDomain)
    {
        var sender = senderDomain.Trim().ToLowerInvariant();
        var signing = signingDomain.Trim().ToLowerInvariant();
        return sender == signing || sender.EndsWith("." + signing, StringComparison.Ordinal) || signing.EndsWith("." + sender, StringComparison.Ordinal);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // DNS labels: letters, digits, inner hyphens; dots between labels (RFC 6376 selectors may be sub-domains).
    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$")]
    private static partial Regex SelectorPattern();
}
