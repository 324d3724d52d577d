using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace ChildProtection.Notices.Acknowledgement;

public enum AcknowledgementTokenState { Valid, Expired, Invalid }

public readonly record struct AcknowledgementTokenResult(AcknowledgementTokenState State, int NoticeId, long RecipientId, DateTime ExpiresUtc);

/// <summary>
/// The personal link in each notice e-mail: a single-purpose token naming one notice and one ledger row,
/// with its expiry inside, encrypted and authenticated by Data Protection (the site's key ring), so it
/// cannot be guessed, altered or used for anything else. Expiry is checked here rather than by a
/// time-limited protector so an expired link can say "expired" instead of "invalid".
/// </summary>
public sealed class AcknowledgementTokens(IDataProtectionProvider dataProtection, TimeProvider? clock = null)
{
    private const string Purpose = "ChildProtection.Notices.Acknowledgement.v1";
    private readonly IDataProtector protector = dataProtection.CreateProtector(Purpose);
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    /// <summary>How long after the response deadline (or after sending, with no deadline) a link still works.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromDays(30);
    public static readonly TimeSpan LifetimeWithoutDeadline = TimeSpan.FromDays(90);

    public static DateTime ExpiryFor(DateTime? responseDeadlineUtc, DateTime sentUtc) =>
        (responseDeadlineUtc ?? sentUtc + LifetimeWithoutDeadline) + GracePeriod;

    public string Create(int noticeId, long recipientId, DateTime expiresUtc)
    {
        Span<byte> payload = stackalloc byte[20];
        BinaryPrimitives.WriteInt32LittleEndian(payload, noticeId);
        BinaryPrimitives.WriteInt64LittleEndian(payload[4..], recipientId);
        BinaryPrimitives.WriteInt64LittleEndian(payload[12..], expiresUtc.ToUniversalTime().Ticks);
        return WebEncoders.Base64UrlEncode(protector.Protect(payload.ToArray()));
    }

    public AcknowledgementTokenResult Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000) return default(AcknowledgementTokenResult) with { State = AcknowledgementTokenState.Invalid };
        byte[] payload;
        try
        {
            payload = protector.Unprotect(WebEncoders.Base64UrlDecode(token));
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            return default(AcknowledgementTokenResult) with { State = AcknowledgementTokenState.Invalid };
        }
        if (payload.Length != 20) return default(AcknowledgementTokenResult) with { State = AcknowledgementTokenState.Invalid };
        var noticeId = BinaryPrimitives.ReadInt32LittleEndian(payload);
        var recipientId = BinaryPrimitives.ReadInt64LittleEndian(payload.AsSpan(4));
        var expires = new DateTime(BinaryPrimitives.ReadInt64LittleEndian(payload.AsSpan(12)), DateTimeKind.Utc);
        var state = clock.GetUtcNow().UtcDateTime > expires ? AcknowledgementTokenState.Expired : AcknowledgementTokenState.Valid;
        return new AcknowledgementTokenResult(state, noticeId, recipientId, expires);
    }
}
