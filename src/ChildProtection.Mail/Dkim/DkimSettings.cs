namespace ChildProtection.Mail.Dkim;

/// <summary>
/// The document "Dkim": who signs outgoing mail (the signing domain and the selector the DNS record is
/// published under) and the signing key. The private key is kept only as Data Protection cipher text;
/// the public half is kept in clear because the settings page shows it as the DNS record to publish.
/// </summary>
public sealed class DkimSettings
{
    public const string DocumentName = "Dkim";

    /// <summary>Off until someone turns it on: a signature whose DNS record is not published yet fails DMARC checks as badly as none.</summary>
    public bool Enabled { get; set; }
    public string? Domain { get; set; }
    public string? Selector { get; set; }
    public string? ProtectedPrivateKey { get; set; }
    /// <summary>Base64 of the SubjectPublicKeyInfo: the <c>p=</c> value of the DNS record.</summary>
    public string? PublicKey { get; set; }
    public int KeyBits { get; set; }
    public DateTime? KeyCreatedUtc { get; set; }

    public bool HasKey => !string.IsNullOrEmpty(ProtectedPrivateKey) && !string.IsNullOrEmpty(PublicKey);

    /// <summary>Signing needs all three; a half-filled form signs nothing rather than something unverifiable.</summary>
    public bool CanSign => Enabled && HasKey && !string.IsNullOrWhiteSpace(Domain) && !string.IsNullOrWhiteSpace(Selector);

    public DkimSettings Clone() => (DkimSettings)MemberwiseClone();
}
