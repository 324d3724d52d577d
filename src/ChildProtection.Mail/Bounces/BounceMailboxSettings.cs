namespace ChildProtection.Mail.Bounces;

/// <summary>
/// The document "BounceMailbox": where returned mail goes and how to read it back. The bounce address
/// (e.g. <c>bounces@city.gov.vn</c>) is the envelope sender of bulk mail, with a per-message tag after a
/// '+' (VERP); the IMAP account is the mailbox that address delivers to. The password is kept only as
/// Data Protection cipher text, like the SMTP one.
/// </summary>
public sealed class BounceMailboxSettings
{
    public const string DocumentName = "BounceMailbox";

    public string? ImapHost { get; set; }
    public int ImapPort { get; set; } = 993;
    public SmtpTlsMode TlsMode { get; set; } = SmtpTlsMode.SslOnConnect;
    public string? UserName { get; set; }
    public string? ProtectedPassword { get; set; }
    /// <summary>The folder bounces arrive in.</summary>
    public string Folder { get; set; } = "INBOX";
    public string? BounceAddress { get; set; }

    /// <summary>Both an address to send bounces to and a mailbox to read them from.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ImapHost) && !string.IsNullOrWhiteSpace(BounceAddress);

    /// <summary>
    /// <c>local+tag@domain</c> for <see cref="BounceAddress"/> <c>local@domain</c>, or null without a bounce
    /// address. The tag must be local-part-safe (letters, digits, '-', '.').
    /// </summary>
    public string? ReturnPathFor(string tag)
    {
        if (string.IsNullOrWhiteSpace(BounceAddress)) return null;
        var address = BounceAddress.Trim();
        var at = address.LastIndexOf('@');
        return at <= 0 ? null : address[..at] + "+" + tag + address[at..];
    }

    public BounceMailboxSettings Clone() => (BounceMailboxSettings)MemberwiseClone();
}
