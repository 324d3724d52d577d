using Microsoft.Extensions.Caching.Memory;

namespace ChildProtection.Users.Accounts;

/// <summary>
/// Failed sign-ins for user names that do not exist, counted like Identity counts them for real accounts
/// (5 failures lock for 15 minutes). Without it, the lockout message would appear only for real names
/// and tell an attacker which accounts exist.
/// </summary>
public sealed class SignInThrottle(IMemoryCache cache, TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

    private sealed class Attempts
    {
        public int Failures;
        public DateTimeOffset? LockedUntil;
    }

    private static string Key(string name) => "signin-unknown:" + name.ToUpperInvariant();

    public bool IsLocked(string name) =>
        cache.TryGetValue(Key(name), out Attempts? attempts) && attempts!.LockedUntil is { } until && until > clock.GetUtcNow();

    public void RecordFailure(string name)
    {
        var attempts = cache.GetOrCreate(Key(name), entry =>
        {
            entry.SlidingExpiration = LockoutTime;
            return new Attempts();
        })!;
        lock (attempts)
        {
            if (++attempts.Failures < MaxFailures) return;
            attempts.Failures = 0;
            attempts.LockedUntil = clock.GetUtcNow() + LockoutTime;
        }
    }
}
