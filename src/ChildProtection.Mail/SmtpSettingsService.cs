using ChildProtection.Core.Settings;
using Microsoft.AspNetCore.DataProtection;

namespace ChildProtection.Mail;

/// <summary>Reads and writes the "Smtp" document; the only place that sees the password in clear text.</summary>
public sealed class SmtpSettingsService(IDocumentStore documents, IDataProtectionProvider dataProtection)
{
    // The purpose string isolates these cipher texts: nothing else protected with the site's keys can be
    // unprotected as an SMTP password, nor the other way round.
    public const string ProtectorPurpose = "ChildProtection.Mail.SmtpPassword";

    private IDataProtector Protector => dataProtection.CreateProtector(ProtectorPurpose);

    /// <summary>Shared with the document cache: read-only, <see cref="SmtpSettings.Clone"/> before changing.</summary>
    public async Task<SmtpSettings> GetAsync(CancellationToken cancellationToken = default) =>
        await documents.GetAsync<SmtpSettings>(SmtpSettings.DocumentName, cancellationToken) ?? new SmtpSettings();

    /// <param name="newPassword">Null or empty keeps the stored password (the form never shows it back).</param>
    /// <param name="clearPassword">Forget the stored password (a server that needs no sign-in).</param>
    public async Task SaveAsync(SmtpSettings settings, string? newPassword, bool clearPassword = false, CancellationToken cancellationToken = default)
    {
        var stored = await GetAsync(cancellationToken);
        var updated = settings.Clone();
        updated.ProtectedPassword = clearPassword ? null
            : !string.IsNullOrEmpty(newPassword) ? Protector.Protect(newPassword)
            : stored.ProtectedPassword;
        await documents.SaveAsync(SmtpSettings.DocumentName, updated, cancellationToken);
    }

    /// <summary>The clear password, or null when none is stored or the keys that protected it are gone.</summary>
    public string? UnprotectPassword(SmtpSettings settings)
    {
        if (string.IsNullOrEmpty(settings.ProtectedPassword)) return null;
        try { return Protector.Unprotect(settings.ProtectedPassword); }
        // Keys lost (a data folder restored without keys/): sign-in will fail and say so, the site goes on.
        catch (System.Security.Cryptography.CryptographicException) { return null; }
    }
}
