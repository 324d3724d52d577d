using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;

namespace ChildProtection.Mail.Bounces;

/// <summary>The outcome of "test the mailbox": what the page tells the person, in their words.</summary>
public sealed record BounceMailboxCheck(bool Ok, BounceMailboxProblem Problem, int MessageCount, string? Detail);

public enum BounceMailboxProblem { None, NotConfigured, Connection, SignIn, Folder }

/// <summary>
/// The IMAP side of the bounce mailbox: opens a signed-in MailKit client on the saved settings. The
/// Notices module's poll job reads and flags messages through it; the settings page tests it.
/// </summary>
public sealed class BounceMailbox(BounceMailboxSettingsService settingsService)
{
    /// <summary>A connected, signed-in client; the caller disposes it. Throws MailKit's and the socket's exceptions.</summary>
    public async Task<ImapClient> ConnectAsync(BounceMailboxSettings settings, CancellationToken cancellationToken)
    {
        var client = new ImapClient { Timeout = 30_000 };
        try
        {
            var host = settings.ImapHost!.Trim();
            await client.ConnectAsync(host, settings.ImapPort, SecureSocket(settings.TlsMode), cancellationToken);
            if (!string.IsNullOrWhiteSpace(settings.UserName))
                await client.AuthenticateAsync(settings.UserName.Trim(), settingsService.UnprotectPassword(settings) ?? "", cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>The folder bounces arrive in, opened read-write.</summary>
    public static async Task<IMailFolder> OpenFolderAsync(ImapClient client, BounceMailboxSettings settings, FolderAccess access, CancellationToken cancellationToken)
    {
        var name = string.IsNullOrWhiteSpace(settings.Folder) ? "INBOX" : settings.Folder.Trim();
        var folder = string.Equals(name, "INBOX", StringComparison.OrdinalIgnoreCase) ? client.Inbox : await client.GetFolderAsync(name, cancellationToken);
        await folder.OpenAsync(access, cancellationToken);
        return folder;
    }

    /// <summary>Connects with the saved settings, signs in and opens the folder read-only: nothing in the mailbox changes.</summary>
    public async Task<BounceMailboxCheck> CheckAsync(CancellationToken cancellationToken)
    {
        var settings = await settingsService.GetAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(settings.ImapHost)) return new(false, BounceMailboxProblem.NotConfigured, 0, null);
        ImapClient client;
        try { client = await ConnectAsync(settings, cancellationToken); }
        catch (AuthenticationException e) { return new(false, BounceMailboxProblem.SignIn, 0, e.Message); }
        catch (Exception e) when (IsMailboxFailure(e) && !cancellationToken.IsCancellationRequested) { return new(false, BounceMailboxProblem.Connection, 0, e.Message); }
        using (client)
        {
            try
            {
                var folder = await OpenFolderAsync(client, settings, FolderAccess.ReadOnly, cancellationToken);
                var count = folder.Count;
                await client.DisconnectAsync(true, cancellationToken);
                return new(true, BounceMailboxProblem.None, count, null);
            }
            catch (FolderNotFoundException e) { return new(false, BounceMailboxProblem.Folder, 0, e.FolderName); }
            catch (Exception e) when (IsMailboxFailure(e) && !cancellationToken.IsCancellationRequested) { return new(false, BounceMailboxProblem.Folder, 0, e.Message); }
        }
    }

    /// <summary>What a mailbox that is down, refuses or talks nonsense throws (not our own bugs).</summary>
    public static bool IsMailboxFailure(Exception e) =>
        e is IOException or SocketException or TimeoutException or OperationCanceledException or ProtocolException or CommandException
            or ImapProtocolException or AuthenticationException or SslHandshakeException or FolderNotFoundException or ServiceNotConnectedException
            or ServiceNotAuthenticatedException or InvalidOperationException;

    internal static SecureSocketOptions SecureSocket(SmtpTlsMode mode) => SmtpBatch.SecureSocket(mode);
}
