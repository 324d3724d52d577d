using System.Security.Cryptography;
using System.Text;
using ChildProtection.Users.Data;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Users.ApiTokens;

/// <summary>A token as the admin list shows it (never its secret).</summary>
public sealed record ApiTokenInfo(long Id, string Name, string UserId, string UserName, string Hint, DateTime CreatedUtc, DateTime? ExpiresUtc, DateTime? LastUsedUtc, DateTime? RevokedUtc)
{
    public bool IsActive(DateTime nowUtc) => RevokedUtc is null && (ExpiresUtc is null || ExpiresUtc > nowUtc);
}

/// <summary>Creates, lists, finds and revokes API tokens. The secret exists only in the creation result.</summary>
public sealed class ApiTokenService(UsersDbContext db, TimeProvider clock)
{
    public const string Prefix = "cp_";
    /// <summary>Writing LastUsedUtc on every call would turn every API read into a database write.</summary>
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string NewSecret() => Prefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>Returns the token text, to be shown once.</summary>
    public async Task<(ApiToken Token, string Secret)> CreateAsync(string userId, string name, DateTime? expiresUtc, CancellationToken cancellationToken = default)
    {
        var secret = NewSecret();
        var token = new ApiToken
        {
            Name = name,
            UserId = userId,
            TokenHash = Hash(secret),
            Hint = secret[..8],
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
               select new ApiTokenInfo(t.Id, t.Name, t.UserId, u.UserName!, t.Hint, t.CreatedUtc, t.ExpiresUtc, t.LastUsedUtc, t.RevokedUtc))
            .ToListAsync(cancellationToken);

    public async Task<bool> RevokeAsync(long id, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.ApiTokens.Where(t => t.Id == id && t.RevokedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedUtc, now), cancellationToken) > 0;
    }

    /// <summary>The active token with this text, or null (unknown, revoked or expired).</summary>
    public async Task<ApiToken?> FindActiveAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 100) return null;
        var hash = Hash(secret);
        var token = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (token is null || token.RevokedUtc is not null || (token.ExpiresUtc is { } expires && expires <= now)) return null;
        return token;
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
