using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace ChildProtection.Core.Contents;

/// <summary>One version of one item, shown at a signed address until the ticket expires.</summary>
public sealed record PreviewTicket(string ContentItemId, string ContentItemVersionId, DateTimeOffset ExpiresUtc);

/// <summary>
/// Signed, expiring preview addresses for drafts: whoever holds the link (a reviewer, a colleague
/// without an account) sees that version in the public theme until it expires; a changed or expired
/// token shows nothing. Data Protection's time-limited protector signs and dates the ticket.
/// </summary>
public sealed class PreviewTokens(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(24);
    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector("ChildProtection.Contents.Preview.v1").ToTimeLimitedDataProtector();

    public string Create(string contentItemId, string contentItemVersionId, TimeSpan? lifetime = null)
    {
        var expires = clock.GetUtcNow() + (lifetime ?? DefaultLifetime);
        return protector.Protect($"{contentItemId}|{contentItemVersionId}", expires);
    }

    public PreviewTicket? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2000) return null;
        try
        {
            var payload = protector.Unprotect(token, out var expires);
            if (expires < clock.GetUtcNow()) return null;
            var parts = payload.Split('|');
            return parts.Length == 2 ? new PreviewTicket(parts[0], parts[1], expires) : null;
        }
        catch (CryptographicException) { return null; }
        catch (FormatException) { return null; }
    }
}
