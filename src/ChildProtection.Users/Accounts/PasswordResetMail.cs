using System.Globalization;
using System.Threading.Channels;
using ChildProtection.Core.Settings;
using ChildProtection.Mail;
using ChildProtection.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Users.Accounts;

/// <summary>
/// Password-reset mails, sent after the answer by a background loop: the forgot-password page then answers
/// in the same time whether or not an account matched (building and sending a mail takes far longer than a
/// lookup). A mail still queued when the process stops is lost; the person asks again.
/// </summary>
public sealed class PasswordResetMail(IServiceScopeFactory scopes, ILogger<PasswordResetMail> logger) : BackgroundService
{
    /// <summary>How long a link works (Identity's token lifespan is set to it).</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(1);

    private readonly Channel<(string UserId, string BaseUrl)> queue = Channel.CreateBounded<(string, string)>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Queues a link for the account; returns at once.</summary>
    public void Enqueue(string userId, string baseUrl) => queue.Writer.TryWrite((userId, baseUrl));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (userId, baseUrl) in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try { await SendAsync(userId, baseUrl, stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The password-reset mail for user {UserId} could not be sent", userId);
            }
        }
    }

    private async Task SendAsync(string userId, string baseUrl, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<UserManager<User>>();
        var user = await users.FindByIdAsync(userId);
        if (user?.Email is not { Length: > 0 } email) return;
        var site = await services.GetRequiredService<ISiteSettingsService>().GetAsync(cancellationToken);
        // The mail is in the site's language, whatever thread it is written on.
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = site.GetCulture();
        var T = services.GetRequiredService<IStringLocalizer<AccountText>>();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = $"{baseUrl.TrimEnd('/')}/reset-password?user={Uri.EscapeDataString(user.Id)}&token={Uri.EscapeDataString(token)}";
        var result = await services.GetRequiredService<IMailSender>().SendAsync(new MailMessageSpec
        {
            MessageId = $"password-reset.{Guid.NewGuid():N}@childprotection",
            To = new MailAddressSpec(email, user.UserName),
            Subject = $"[{site.SiteName}] {T["Set a new password"]}",
            TextBody = $"{T["Hello {0},", user.UserName ?? ""]}\n\n" +
                $"{T["Somebody (we hope you) asked to set a new password for your account. Open this link within one hour to choose it:"]}\n\n{link}\n\n" +
                $"{T["The link works once. If you did not ask for it, ignore this message: your password stays as it is."]}\n",
        }, cancellationToken);
        if (!result.IsSent) logger.LogWarning("The password-reset mail for {User} was not sent: {Reply}", user.UserName, result.ServerReply);
    }
}
