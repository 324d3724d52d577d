using System.Security.Cryptography;
using System.Text;
using ChildProtection.Users.Data;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Users.ApiTokens;

/// <summary>A token as the admin list shows it (never its secret).</summary>
public sealed record ApiTokenInfo(long Id, string Name, string UserId, string UserName, string Hint, ApiTokenScope Scope, DateTime CreatedUtc, DateTime ExpiresUtc, DateTime? LastUsedUtc, DateTime? RevokedUtc)
{
    public bool IsActive(DateTime nowUtc) => RevokedUtc is null && ExpiresUtc > nowUtc;
}

/// <summary>Why a presented token was not accepted.</summary>
public enum ApiTokenRefusal { Unknown, Revoked, Expired }

/// <summary>Creates, lists, finds and revokes API tokens. The secret exists only in the creation result.</summary>
public sealed class ApiTokenService(UsersDbContext db, TimeProvider clock)
{
    public const string Prefix = "cp_";
    /// <summary>The lifetimes offered on the token form, in days.</summary>
    public static readonly int[] LifetimeDays = [30, 90, 365];
    public const int DefaultLifetimeDays = 90;
    /// <summary>Writing LastUsedUtc on every call would turn every API read into a database write.</summary>
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string NewSecret() => Prefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>Returns the token text, to be shown once.</summary>
    public async Task<(ApiToken Token, string Secret)> CreateAsync(string userId, string name, ApiTokenScope scope, DateTime expiresUtc, CancellationToken cancellationToken = default)
    {
        var secret = NewSecret();
        var token = new ApiToken
        {
            Name = name,
            UserId = userId,
            TokenHash = Hash(secret),
            Hint = secret[..8],
            Scope = scope,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
            ExpiresUtc = expiresUtc,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return (token, secret);
    }

    public async Task<IReadOnlyList<ApiTokenInfo>> ListAsync(CancellationToken cancellationToken = default) =>
        await (from t in db.ApiTokens.AsNoTracking()
               join u in db.Users.AsNoTracking() on t.UserId equals u.Id
               orderby t.RevokedUtc != null, t.CreatedUtc descending
               select new ApiTokenInfo(t.Id, t.Name, t.UserId, u.UserName!, t.Hint, t.Scope, t.CreatedUtc, t.ExpiresUtc, t.LastUsedUtc, t.RevokedUtc))
            .ToListAsync(cancellationToken);

    public async Task<bool> RevokeAsync(long id, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.ApiTokens.Where(t => t.Id == id && t.RevokedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedUtc, now), cancellationToken) > 0;
    }

    /// <summary>The token with this text if it may be used now; otherwise why not.</summary>
    public async Task<(ApiToken? Token, ApiTokenRefusal? Refusal)> CheckAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 100) return (null, ApiTokenRefusal.Unknown);
        var hash = Hash(secret);
        var token = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (token is null) return (null, ApiTokenRefusal.Unknown);
        if (token.RevokedUtc is not null) return (token, ApiTokenRefusal.Revoked);
        if (token.ExpiresUtc <= clock.GetUtcNow().UtcDateTime) return (token, ApiTokenRefusal.Expired);
        return (token, null);
    }

    public async Task TouchAsync(ApiToken token, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (token.LastUsedUtc is { } last && now - last < LastUsedPrecision) return;
        var threshold = now - LastUsedPrecision;
        // The condition is repeated in the update so that concurrent requests write at most once.
        await db.ApiTokens.Where(t => t.Id == token.Id && (t.LastUsedUtc == null || t.LastUsedUtc < threshold))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedUtc, now), cancellationToken);
    }
}
