using ChildProtection.Mail.Bounces;

namespace ChildProtection.Notices.Bounces;

/// <summary>
/// The envelope sender of each notice and reminder when a bounce address is set: <c>bounces+{tag}@domain</c>
/// with a signed tag naming the ledger row, so a bounce says which delivery failed even when it quotes
/// nothing of the original message. Null without a bounce address (MailKit then uses the From address).
/// </summary>
public sealed class BounceReturnPaths(BounceMailboxSettingsService settingsService, BounceTokens tokens)
{
    private BounceMailboxSettings? settings;

    /// <summary>Reads the settings and the signing key once per scope (a lane run, a request).</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        settings ??= await settingsService.GetAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(settings.BounceAddress)) await tokens.PrepareAsync(cancellationToken);
    }

    public string? For(long recipientId, int reminder)
    {
        // The composer is synchronous for the preview; everything else prepares ahead.
        if (settings is null) PrepareAsync(CancellationToken.None).GetAwaiter().GetResult();
        if (string.IsNullOrWhiteSpace(settings!.BounceAddress) || recipientId <= 0) return null;
        return settings.ReturnPathFor(tokens.Create(recipientId, reminder));
    }
}
