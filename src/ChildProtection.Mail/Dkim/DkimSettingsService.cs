using System.Security.Cryptography;
using ChildProtection.Core.Settings;
using Microsoft.AspNetCore.DataProtection;
using MimeKit.Cryptography;

namespace ChildProtection.Mail.Dkim;

/// <summary>Reads and writes the "Dkim" document; the only place that sees the private key in clear.</summary>
public sealed class DkimSettingsService(IDocumentStore documents, IDataProtectionProvider dataProtection)
{
    // Its own purpose: an SMTP password's cipher text cannot be unprotected as a signing key, nor the other way round.
    public const string ProtectorPurpose = "ChildProtection.Mail.DkimPrivateKey";

    private IDataProtector Protector => dataProtection.CreateProtector(ProtectorPurpose);

    /// <summary>Shared with the document cache: read-only, <see cref="DkimSettings.Clone"/> before changing.</summary>
    public async Task<DkimSettings> GetAsync(CancellationToken cancellationToken = default) =>
        await documents.GetAsync<DkimSettings>(DkimSettings.DocumentName, cancellationToken) ?? new DkimSettings();

    /// <summary>Saves domain, selector and the switch; the key stays as it is.</summary>
    public Task SaveAsync(DkimSettings settings, CancellationToken cancellationToken = default) =>
        documents.SaveAsync(DkimSettings.DocumentName, settings, cancellationToken);

    /// <summary>Replaces the key (made here or imported). Signing with the new key starts at once: the page says to publish the record first.</summary>
    public async Task SaveKeyAsync(DkimKeys.KeyPair key, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var updated = (await GetAsync(cancellationToken)).Clone();
        updated.ProtectedPrivateKey = Protector.Protect(key.PrivateKeyPem);
        updated.PublicKey = key.PublicKey;
        updated.KeyBits = key.Bits;
        updated.KeyCreatedUtc = nowUtc;
        await documents.SaveAsync(DkimSettings.DocumentName, updated, cancellationToken);
    }

    /// <summary>
    /// A signer for one batch of messages, or null when signing is off or the key cannot be read (keys of
    /// Data Protection lost with a restored data folder): mail then goes unsigned rather than not at all,
    /// and <see cref="KeyIsReadable"/> lets the settings page say so.
    /// </summary>
    public async Task<DkimSigner?> CreateSignerAsync(CancellationToken cancellationToken = default) =>
        CreateSigner(await GetAsync(cancellationToken));

    public DkimSigner? CreateSigner(DkimSettings settings)
    {
        if (!settings.CanSign) return null;
        var pem = Unprotect(settings);
        if (pem is null) return null;
        return new DkimSigner(DkimKeys.SigningKey(pem), settings.Domain!.Trim().ToLowerInvariant(), settings.Selector!.Trim().ToLowerInvariant())
        {
            // Relaxed/relaxed survives the header folding and trailing-space changes relays make; simple does not.
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            AgentOrUserIdentifier = null,
        };
    }

    public bool KeyIsReadable(DkimSettings settings) => settings.HasKey && Unprotect(settings) is not null;

    private string? Unprotect(DkimSettings settings)
    {
        if (string.IsNullOrEmpty(settings.ProtectedPrivateKey)) return null;
        try { return Protector.Unprotect(settings.ProtectedPrivateKey); }
        catch (CryptographicException) { return null; }
    }
}
