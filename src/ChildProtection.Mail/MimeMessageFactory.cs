using System.Text;
using MimeKit;

namespace ChildProtection.Mail;

/// <summary>Turns a <see cref="MailMessageSpec"/> into a MIME message the same way for every transport.</summary>
internal static class MimeMessageFactory
{
    /// <summary>Used when neither the message nor the settings name a sender (a fresh site writing to the outbox).</summary>
    public const string FallbackSender = "noreply@localhost";

    public static MimeMessage Create(MailMessageSpec spec, SmtpSettings settings)
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
            using var content = attachment.Open();
            body.Attachments.Add(attachment.FileName, content, ContentType.Parse(attachment.ContentType));
        }
        // Vietnamese attachment names go out as RFC 2231 parameters, MimeKit's default for parameters.
        message.Body = body.ToMessageBody();
        return message;
    }

    private static MailboxAddress Mailbox(MailAddressSpec address) =>
        new(Encoding.UTF8, address.Name ?? "", address.Address.Trim());
}
