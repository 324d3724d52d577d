namespace ChildProtection.Mail;

/// <summary>A mailbox: an address and an optional display name (Vietnamese names are fine).</summary>
public sealed record MailAddressSpec(string Address, string? Name = null);

/// <summary>
/// One attachment. Content is opened once per message built, so the same attachment (a notice's PDF)
/// can go to many recipients without holding it in memory or sharing one stream between them.
/// </summary>
public sealed class MailAttachmentSpec(string fileName, string contentType, Func<Stream> open)
{
    public string FileName { get; } = fileName;
    public string ContentType { get; } = contentType;
    public Stream Open() => open();

    /// <summary>The bytes when the attachment was given in memory: the same array sent to many recipients is encoded once.</summary>
    internal byte[]? Bytes { get; private init; }

    public static MailAttachmentSpec FromBytes(string fileName, string contentType, byte[] content) =>
        new(fileName, contentType, () => new MemoryStream(content, writable: false)) { Bytes = content };

    public static MailAttachmentSpec FromFile(string fileName, string contentType, string path) =>
        new(fileName, contentType, () => File.OpenRead(path));
}

/// <summary>
/// What to send, independent of the transport. <see cref="MessageId"/> is given by the caller and stays
/// the same across retries (one per notice and recipient), so a receiver can recognise a duplicate.
/// </summary>
public sealed class MailMessageSpec
{
    /// <summary>Without angle brackets, e.g. <c>notice-12.school-7@treem.example.gov.vn</c>.</summary>
    public required string MessageId { get; init; }
    public required MailAddressSpec To { get; init; }
    /// <summary>Empty: the sender from the SMTP settings.</summary>
    public MailAddressSpec? From { get; init; }
    /// <summary>Empty: the reply-to default from the SMTP settings, if any.</summary>
    public MailAddressSpec? ReplyTo { get; init; }
    public required string Subject { get; init; }
    public required string TextBody { get; init; }
    public string? HtmlBody { get; init; }
    public IReadOnlyList<MailAttachmentSpec> Attachments { get; init; } = [];
    /// <summary>
    /// The envelope sender (SMTP <c>MAIL FROM</c>, where bounces go), when it differs from
    /// <see cref="From"/>: a per-message return path (VERP) lets the bounce say which delivery failed.
    /// Empty: MailKit's default (the From address).
    /// </summary>
    public string? EnvelopeSender { get; init; }
}
