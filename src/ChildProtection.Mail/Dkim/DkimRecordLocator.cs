using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace ChildProtection.Mail.Dkim;

/// <summary>
/// Answers a DKIM verifier's DNS question with a given TXT record: the settings page's self-check verifies
/// against the record it shows, without DNS (and tests verify what the site sent the same way).
/// </summary>
public sealed class DkimRecordLocator(string record) : DkimPublicKeyLocatorBase
{
    public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
        GetPublicKey(record);

    public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
        Task.FromResult(GetPublicKey(record));
}
