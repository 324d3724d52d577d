using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace ChildProtection.Mail;

/// <summary>
/// Sorts MailKit's exceptions into "try again later" and "give up": the delivery ledger retries the
/// first with back-off and fails the row for the second.
/// </summary>
internal static class SmtpFailures
{
    public static bool IsMailFailure(Exception e) => e is SmtpCommandException or SmtpProtocolException
        or AuthenticationException or SslHandshakeException or ServiceNotConnectedException or ServiceNotAuthenticatedException
        or IOException or SocketException or TimeoutException or OperationCanceledException;

    public static MailResult Classify(Exception e) => e switch
    {
        // 5xx: the server refuses for good (unknown mailbox, message rejected). 4xx: greylisting, a full queue.
        SmtpCommandException command => (int)command.StatusCode >= 500
            ? MailResult.Permanent(Reply(command), (int)command.StatusCode)
            : MailResult.Transient(Reply(command), (int)command.StatusCode),
        // Wrong credentials or certificate are the site's configuration, not the recipient's fault:
        // retrying after the admin fixes them delivers, so no recipient is failed for good.
        AuthenticationException or SslHandshakeException or ServiceNotAuthenticatedException => MailResult.Transient(e.Message),
        // Refused or dropped connections, protocol breakage and timeouts (MailKit reports an expired
        // Timeout as a cancelled operation or an I/O error).
        _ => MailResult.Transient(e.Message),
    };

    private static string Reply(SmtpCommandException e) => $"{(int)e.StatusCode} {e.Message}";
}
