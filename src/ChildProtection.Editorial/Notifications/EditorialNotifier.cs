using System.Globalization;
using ChildProtection.Core.Security;
using ChildProtection.Core.Settings;
using ChildProtection.Editorial.Data;
using ChildProtection.Mail;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Editorial.Notifications;

/// <summary>
/// Tells the people concerned: a row in their admin notifications and an e-mail through the Mail
/// module (the outbox when no SMTP server is set). The person who acted is never told about their own
/// act. A mail that fails is recorded on the row and does not undo the action.
/// </summary>
public sealed class EditorialNotifier(EditorialDbContext db, ISiteUsers users, IMailSender mail, ISiteSettingsService settings,
    ISiteIdentity identity, TimeProvider clock, IStringLocalizer<EditorialText> T, ILogger<EditorialNotifier> logger)
{
    public async Task NotifyUsersAsync(IEnumerable<string?> userNames, string? actor, string text, string url, string? contentItemId, CancellationToken cancellationToken = default)
    {
        var recipients = new List<SiteUser>();
        foreach (var name in userNames.Where(n => !string.IsNullOrWhiteSpace(n)).Distinct(StringComparer.OrdinalIgnoreCase))
            if (await users.FindAsync(name!, cancellationToken) is { } user) recipients.Add(user);
        await NotifyAsync(recipients, actor, text, url, contentItemId, cancellationToken);
    }

    public async Task NotifyReviewersAsync(string? actor, string text, string url, string? contentItemId, CancellationToken cancellationToken = default) =>
        await NotifyAsync(await users.WithPermissionAsync(ContentPermissions.ReviewContent, cancellationToken), actor, text, url, contentItemId, cancellationToken);

    private async Task NotifyAsync(IReadOnlyList<SiteUser> recipients, string? actor, string text, string url, string? contentItemId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = recipients
            .Where(u => !string.Equals(u.UserName, actor, StringComparison.OrdinalIgnoreCase))
            .DistinctBy(u => u.UserName, StringComparer.OrdinalIgnoreCase)
            .Select(u => (User: u, Row: new EditorialNotification
            {
                UserName = u.UserName, Text = text.Length > 1000 ? text[..1000] : text, Url = url, ContentItemId = contentItemId, CreatedUtc = now,
            })).ToList();
        if (rows.Count == 0) return;
        db.Notifications.AddRange(rows.Select(r => r.Row));
        await db.SaveChangesAsync(CancellationToken.None);

        var site = await settings.GetAsync(cancellationToken);
        var link = (site.BaseUrl ?? "http://localhost").TrimEnd('/') + url;
        var siteId = await identity.GetSiteIdAsync(cancellationToken);
        foreach (var (user, row) in rows)
        {
            if (string.IsNullOrWhiteSpace(user.Email))
            {
                row.MailOutcome = "no address";
                continue;
            }
            var message = new MailMessageSpec
            {
                // One per notification row, unique among sites by the site's id.
                MessageId = string.Create(CultureInfo.InvariantCulture, $"editorial-{row.Id}.{siteId}@childprotection"),
                To = new MailAddressSpec(user.Email, user.UserName),
                Subject = $"[{site.SiteName}] {text}",
                TextBody = $"{T["Hello {0},", user.UserName]}\n\n{text}\n\n{T["Open it in the admin:"]} {link}\n\n{T["This message was sent by the site's editorial workflow."]}\n",
            };
            try
            {
                var result = await mail.SendAsync(message, cancellationToken);
                row.MailOutcome = result.IsSent ? "sent" : Cut(result.ServerReply ?? result.Outcome.ToString());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Editorial mail to {User} failed", user.UserName);
                row.MailOutcome = Cut(ex.Message);
            }
        }
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static string Cut(string s) => s.Length > 300 ? s[..300] : s;
}
