using System.Runtime.CompilerServices;
using System.Text;
using MimeKit;
using MimeKit.Cryptography;
using ChildProtection.Mail.Dkim;

namespace ChildProtection.Mail;

/// <summary>Turns a <see cref="MailMessageSpec"/> into a MIME message the same way for every transport.</summary>
internal static class MimeMessageFactory
{
    /// <summary>Used when neither the message nor the settings name a sender (a fresh site writing to the outbox).</summary>
    public const string FallbackSender = "noreply@localhost";

    /// <param name="signer">Signs the finished message (DKIM) when given; null sends it unsigned.</param>
    public static MimeMessage Create(MailMessageSpec spec, SmtpSettings settings, DkimSigner? signer = null)
    {
        if (string.IsNullOrWhiteSpace(spec.MessageId)) throw new ArgumentException("A message needs a Message-ID.", nameof(spec));
        var message = new MimeMessage();
        var from = spec.From ?? new MailAddressSpec(string.IsNullOrWhiteSpace(settings.SenderAddress) ? FallbackSender : settings.SenderAddress, settings.SenderName);
        message.From.Add(Mailbox(from));
        message.To.Add(Mailbox(spec.To));
        var replyTo = spec.ReplyTo ?? (string.IsNullOrWhiteSpace(settings.ReplyToAddress) ? null : new MailAddressSpec(settings.ReplyToAddress));
        if (replyTo is not null) message.ReplyTo.Add(Mailbox(replyTo));
        message.MessageId = spec.MessageId.Trim().TrimStart('<').TrimEnd('>');
        message.Date = DateTimeOffset.UtcNow;
        // UTF-8 for the encoded words: MimeKit then writes RFC 2047 for Vietnamese subjects and names.
        message.Headers.Replace(HeaderId.Subject, Encoding.UTF8, spec.Subject);

        var body = new BodyBuilder { TextBody = spec.TextBody, HtmlBody = spec.HtmlBody };
        foreach (var attachment in spec.Attachments)
        {
            var contentType = ContentType.Parse(attachment.ContentType);
            if (attachment.Bytes is { } bytes && !contentType.IsMimeType("text", "*"))
            {
                body.Attachments.Add(PreEncoded(attachment.FileName, contentType, bytes));
                continue;
            }
            using var content = attachment.Open();
            body.Attachments.Add(attachment.FileName, content, contentType);
        }
        // Vietnamese attachment names go out as RFC 2231 parameters, MimeKit's default for parameters.
        message.Body = body.ToMessageBody();
        if (signer is not null) Sign(message, signer);
        return message;
    }

    private static void Sign(MimeMessage message, DkimSigner signer)
    {
        // Fix every part's transfer encoding first: MailKit re-encodes 8-bit parts for a server without
        // 8BITMIME at send time, which would change the signed body. 7-bit text is never re-encoded.
        message.Prepare(EncodingConstraint.SevenBit);
        signer.Sign(message, DkimKeys.SignedHeaders);
    }

    /// <summary>
    /// Base64 of in-memory attachments, made once per byte array: a notice's PDF goes to thousands of
    /// recipients, and encoding it again for each message was the largest cost per message after the
    /// network. Weak keys: an entry lives as long as whoever holds the bytes (the notice's composer).
    /// </summary>
    private static readonly ConditionalWeakTable<byte[], PreEncodedContent> Base64Cache = new();

    /// <summary>The same part BodyBuilder would make for a binary file (attachment, base64, RFC 2231 name), from bytes already encoded.</summary>
    private static MimePart PreEncoded(string fileName, ContentType contentType, byte[] bytes) =>
        new PreEncodedAttachment(contentType, fileName, Base64Cache.GetValue(bytes, PreEncodedContent.Of));

    private static MailboxAddress Mailbox(MailAddressSpec address) =>
        new(Encoding.UTF8, address.Name ?? "", address.Address.Trim());
}
