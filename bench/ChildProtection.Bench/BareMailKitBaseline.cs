using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Cryptography;

namespace ChildProtection.Bench;

/// <summary>
/// The yardstick for the notices pipeline: a plain MailKit loop, nothing written anywhere, sending the
/// same message (same subject, HTML and text parts, same attachment, one Message-ID and To per
/// recipient) to the same sink over the same number of connections.
/// </summary>
internal static class BareMailKitBaseline
{
    public sealed record SampleMessage(string Subject, string Text, string Html, string AttachmentName, byte[] Attachment);

    /// <param name="signer">With <c>--dkim</c>: the baseline signs as a MailKit program that signs would (prepare 7-bit, then sign the same headers).</param>
    public static async Task<long> SendAsync(int port, int connections, int count, SampleMessage sample, CancellationToken cancellationToken = default, DkimSigner? signer = null)
    {
        long sent = 0;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            using var client = new SmtpClient();
            // TCP_NODELAY, as the Mail module's connections have: without it each message waits ~40 ms for
            // a delayed ACK, and both sides would measure that instead of themselves.
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync("127.0.0.1", port, cancellationToken);
            await client.ConnectAsync(socket, "127.0.0.1", port, SecureSocketOptions.None, cancellationToken);
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var message = new MimeMessage();
                message.From.Add(new MailboxAddress("Phòng Lao động – Thương binh và Xã hội", "vanthu@ldtbxh.example.gov.vn"));
                message.To.Add(new MailboxAddress($"Trường số {i}", $"school{i}@bench.example.edu.vn"));
                message.MessageId = $"baseline-{i}@bench.example.gov.vn";
                message.Subject = sample.Subject;
                var body = new BodyBuilder { TextBody = sample.Text, HtmlBody = sample.Html };
                body.Attachments.Add(sample.AttachmentName, sample.Attachment, ContentType.Parse("application/pdf"));
                message.Body = body.ToMessageBody();
                if (signer is not null)
                {
                    message.Prepare(EncodingConstraint.SevenBit);
                    signer.Sign(message, ChildProtection.Mail.Dkim.DkimKeys.SignedHeaders);
                }
                await client.SendAsync(message, cancellationToken);
                Interlocked.Increment(ref sent);
            }
            await client.DisconnectAsync(true, cancellationToken);
        }));
        return sent;
    }
}
