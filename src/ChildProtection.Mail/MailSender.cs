using ChildProtection.Core.Modules;
using ChildProtection.Mail.Dkim;

namespace ChildProtection.Mail;

/// <summary>Chooses the transport from the stored settings each time a message or batch starts, so a saved change applies at once.</summary>
internal sealed class MailSender(SmtpSettingsService settingsService, DkimSettingsService dkim, AppPaths paths) : IMailSender
{
    public async Task<MailResult> SendAsync(MailMessageSpec message, CancellationToken cancellationToken = default)
    {
        await using var batch = await OpenBatchAsync(cancellationToken);
        return await batch.SendAsync(message, cancellationToken);
    }

    public async Task<IMailBatch> OpenBatchAsync(CancellationToken cancellationToken = default)
    {
        var settings = await settingsService.GetAsync(cancellationToken);
        // The outbox signs too: an .eml file there is what the server would have been given.
        var signer = await dkim.CreateSignerAsync(cancellationToken);
        return settings.HasHost
            ? new SmtpBatch(settings, settingsService.UnprotectPassword(settings), signer)
            : new OutboxTransport(MailStatus.OutboxFolder(paths), settings, signer);
    }
}
