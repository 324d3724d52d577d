using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Cryptography;

namespace ChildProtection.Mail;

/// <summary>
/// One MailKit connection for many messages. Connects on the first message; a failure that leaves the
/// connection unusable closes it, and the next message connects again.
/// </summary>
internal sealed class SmtpBatch(SmtpSettings settings, string? password, DkimSigner? signer = null) : IMailBatch
{
    private readonly SmtpClient client = new() { Timeout = Math.Clamp(settings.TimeoutSeconds, 1, 600) * 1000 };

    public async Task<MailResult> SendAsync(MailMessageSpec spec, CancellationToken cancellationToken = default)
    {
        MimeMessage message;
        MailboxAddress? envelopeSender = null;
        try
        {
            message = MimeMessageFactory.Create(spec, settings, signer);
            if (spec.EnvelopeSender is { Length: > 0 } envelope) envelopeSender = MailboxAddress.Parse(envelope.Trim());
        }
        catch (Exception e) when (e is ParseException or ArgumentException) { return MailResult.Permanent(e.Message); }

        try
        {
            await EnsureConnectedAsync(cancellationToken);
            var reply = envelopeSender is not null
                ? await client.SendAsync(message, envelopeSender, message.To.Mailboxes, cancellationToken)
                : await client.SendAsync(message, cancellationToken);
            return MailResult.Sent(reply);
        }
        catch (Exception e) when (SmtpFailures.IsMailFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            // A refused command leaves the session usable (MailKit resets the transaction); anything
            // else may have left it mid-command, so start the next message on a fresh connection.
            if (e is not SmtpCommandException) await DisconnectQuietlyAsync();
            return SmtpFailures.Classify(e);
        }
    }

    private async Task EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (client.IsConnected) return;
        var host = settings.Host!.Trim();
        var socket = await OpenSocketAsync(host, settings.Port, TimeSpan.FromMilliseconds(client.Timeout), cancellationToken);
        try
        {
            await client.ConnectAsync(socket, host, settings.Port, SecureSocket(settings.TlsMode), cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        if (!string.IsNullOrWhiteSpace(settings.UserName))
            await client.AuthenticateAsync(settings.UserName.Trim(), password ?? "", cancellationToken);
    }

    /// <summary>
    /// The TCP connection, opened here rather than by MailKit to turn Nagle's algorithm off: MailKit
    /// writes the end of each message (CRLF.CRLF) as a small write of its own, which Nagle holds until the
    /// server acknowledges the body — and servers delay that ACK by ~40 ms. With Nagle on, one connection
    /// managed about 25 messages a second on loopback (bench notices); SMTP is request/reply, so there is
    /// nothing for Nagle to coalesce anyway.
    /// </summary>
    internal static async Task<Socket> OpenSocketAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Dual-mode (IPv6 with IPv4-mapped addresses): a host name resolving to either family connects.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(host, port, limit.Token);
            return socket;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"No connection to {host}:{port} within {timeout.TotalSeconds:0} s.");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    internal static SecureSocketOptions SecureSocket(SmtpTlsMode mode) => mode switch
    {
        SmtpTlsMode.None => SecureSocketOptions.None,
        SmtpTlsMode.StartTls => SecureSocketOptions.StartTls,
        SmtpTlsMode.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    private async Task DisconnectQuietlyAsync()
    {
        if (!client.IsConnected) return;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await client.DisconnectAsync(quit: true, timeout.Token);
        }
        catch (Exception e) when (SmtpFailures.IsMailFailure(e))
        {
            // The server is gone or confused already; the socket is closed either way.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectQuietlyAsync();
        client.Dispose();
    }
}
