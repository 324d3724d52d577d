using ChildProtection.Core.Settings;
using Microsoft.AspNetCore.DataProtection;

namespace ChildProtection.Mail.Bounces;

/// <summary>Reads and writes the "BounceMailbox" document; the only place that sees the IMAP password in clear text.</summary>
public sealed class BounceMailboxSettingsService(IDocumentStore documents, IDataProtectionProvider dataProtection)
{
    // Its own purpose: an SMTP password cipher text cannot be unprotected as this one, nor the other way round.
    public const string ProtectorPurpose = "ChildProtection.Mail.BounceMailboxPassword";

    private IDataProtector Protector => dataProtection.CreateProtector(ProtectorPurpose);

    /// <summary>Shared with the document cache: read-only, <see cref="BounceMailboxSettings.Clone"/> before changing.</summary>
    public async Task<BounceMailboxSettings> GetAsync(CancellationToken cancellationToken = default) =>
        await documents.GetAsync<BounceMailboxSettings>(BounceMailboxSettings.DocumentName, cancellationToken) ?? new BounceMailboxSettings();

    /// <param name="newPassword">Null or empty keeps the stored password (the form never shows it back).</param>
    public async Task SaveAsync(BounceMailboxSettings settings, string? newPassword, bool clearPassword = false, CancellationToken cancellationToken = default)
    {
        var stored = await GetAsync(cancellationToken);
        var updated = settings.Clone();
        updated.ProtectedPassword = clearPassword ? null
            : !string.IsNullOrEmpty(newPassword) ? Protector.Protect(newPassword)
            : stored.ProtectedPassword;
        await documents.SaveAsync(BounceMailboxSettings.DocumentName, updated, cancellationToken);
    }

    /// <summary>The clear password, or null when none is stored or the keys that protected it are gone.</summary>
    public string? UnprotectPassword(BounceMailboxSettings settings)
    {
        if (string.IsNullOrEmpty(settings.ProtectedPassword)) return null;
        try { return Protector.Unprotect(settings.ProtectedPassword); }
        catch (System.Security.Cryptography.CryptographicException) { return null; }
    }
}
