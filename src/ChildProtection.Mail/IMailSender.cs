namespace ChildProtection.Mail;

/// <summary>
/// Sends mail through whichever transport the settings choose (the outbox folder when no SMTP host is
/// set). Failures are results, not exceptions: the caller decides about retries from the outcome.
/// Only cancellation by the caller throws.
/// </summary>
public interface IMailSender
{
    Task<MailResult> SendAsync(MailMessageSpec message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a batch that sends many messages over one connection (a notice chunk). Disposing it
    /// closes the connection.
    /// </summary>
    Task<IMailBatch> OpenBatchAsync(CancellationToken cancellationToken = default);
}

/// <summary>Messages sent one after another over one connection; a dropped connection is reopened for the next message.</summary>
public interface IMailBatch : IAsyncDisposable
{
    Task<MailResult> SendAsync(MailMessageSpec message, CancellationToken cancellationToken = default);
}
