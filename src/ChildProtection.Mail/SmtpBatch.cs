using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ChildProtection.Mail;

/// <summary>
/// One MailKit connection for many messages. Connects on the first message; a failure that leaves the
/// connection unusable closes it, and the next message connects again.
/// </summary>
internal sealed class SmtpBatch(SmtpSettings settings, string? password) : IMailBatch
{
    private readonly SmtpClient client = new() { Timeout = Math.Clamp(settings.TimeoutSeconds, 1, 600) * 1000 };

    public async Task<MailResult> SendAsync(MailMessageSpec spec, CancellationToken cancellationToken = default)
    {
        MimeMessage message;
        try { message = MimeMessageFactory.Create(spec, settings); }
        catch (Exception e) when (e is ParseException or ArgumentException) { return MailResult.Permanent(e.Message); }

        try
        {
            await EnsureConnectedAsync(cancellationToken);
            var reply = await client.SendAsync(message, cancellationToken);
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
        await client.ConnectAsync(settings.Host!.Trim(), settings.Port, SecureSocket(settings.TlsMode), cancellationToken);
        if (!string.IsNullOrWhiteSpace(settings.UserName))
            await client.AuthenticateAsync(settings.UserName.Trim(), password ?? "", cancellationToken);
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
