using ChildProtection.Mail.Dkim;
using MimeKit.Cryptography;

namespace ChildProtection.Bench;

/// <summary>
/// <c>notices --dkim</c>: the site signs every message with a fresh 2048-bit key, and the bare MailKit
/// baseline signs with the same key, so the ratio compares two signing senders.
/// </summary>
internal static class BenchDkim
{
    public static async Task<DkimSigner> EnableAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var dkim = scope.ServiceProvider.GetRequiredService<DkimSettingsService>();
        await dkim.SaveKeyAsync(DkimKeys.Generate(), DateTime.UtcNow);
        var settings = (await dkim.GetAsync()).Clone();
        settings.Enabled = true;
        settings.Domain = "ldtbxh.example.gov.vn";
        settings.Selector = "bench";
        await dkim.SaveAsync(settings);
        return dkim.CreateSigner(settings) ?? throw new InvalidOperationException("The DKIM key could not be read back.");
    }
}
