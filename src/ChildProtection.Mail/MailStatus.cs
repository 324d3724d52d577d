using ChildProtection.Core.Modules;

namespace ChildProtection.Mail;

/// <summary>
/// Whether mail really leaves the site. Screens that send mail (notices, review notifications) show the
/// outbox banner when it does not, so nobody believes a message went out that only reached a folder.
/// </summary>
public interface IMailStatus
{
    /// <summary>True when no SMTP host is set and every message is written to <see cref="OutboxPath"/>.</summary>
    Task<bool> IsOutboxOnlyAsync(CancellationToken cancellationToken = default);

    string OutboxPath { get; }
}

internal sealed class MailStatus(SmtpSettingsService settings, AppPaths paths) : IMailStatus
{
    public async Task<bool> IsOutboxOnlyAsync(CancellationToken cancellationToken = default) =>
        !(await settings.GetAsync(cancellationToken)).HasHost;

    public string OutboxPath => OutboxFolder(paths);

    internal static string OutboxFolder(AppPaths paths) => paths.Combine("outbox");
}
