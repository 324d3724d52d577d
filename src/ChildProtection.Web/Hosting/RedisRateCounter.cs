using ChildProtection.Core.Limits;
using StackExchange.Redis;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// Scale-out mode's counters: one Redis key per counter, incremented and given its expiry in one script so
/// that every node counts in the same window. While Redis cannot be reached the node counts in its own
/// memory (a warning once per outage): a Redis outage must not stop staff from signing in, and each node still limits.
/// </summary>
internal sealed class RedisRateCounter(RedisConnection connection, string prefix, MemoryRateCounter fallback, ILogger<RedisRateCounter> logger) : IRateCounter
{
    // INCR, and PEXPIRE only on the window's first increment: the window is fixed, not sliding.
    private static readonly LuaScript Increment = LuaScript.Prepare(
        "local n = redis.call('INCR', @key) if n == 1 then redis.call('PEXPIRE', @key, @ms) end return n");

    // 1 while Redis is known to be away: the warning is logged once per outage, not on every counted request
    // (a sign-in storm during an outage would otherwise write a stack trace per attempt).
    private int away;

    private RedisKey Key(string key) => prefix + "limits:" + key;

    private void Lost(Exception ex, string key)
    {
        if (Interlocked.Exchange(ref away, 1) == 0)
            logger.LogWarning(ex, "Redis unavailable: rate limits are counted on this node only until it is back (first: {Key})", key);
    }

    private void Reached()
    {
        if (Volatile.Read(ref away) == 1 && Interlocked.Exchange(ref away, 0) == 1)
            logger.LogInformation("Redis reachable again: rate limits are shared by every node");
    }

    public async Task<long> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await connection.Multiplexer.GetDatabase().ScriptEvaluateAsync(Increment, new { key = Key(key), ms = (long)window.TotalMilliseconds });
            Reached();
            return (long)result;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Lost(ex, key);
            return await fallback.IncrementAsync(key, window, cancellationToken);
        }
    }

    public async Task<long> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            var value = await connection.Multiplexer.GetDatabase().StringGetAsync(Key(key));
            Reached();
            return value.HasValue ? (long)value : 0;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Lost(ex, key);
            return await fallback.GetAsync(key, cancellationToken);
        }
    }

    public async Task ResetAsync(string key, CancellationToken cancellationToken = default)
    {
        await fallback.ResetAsync(key, cancellationToken);
        try { await connection.Multiplexer.GetDatabase().KeyDeleteAsync(Key(key)); }
        catch (Exception ex) when (ex is RedisException or TimeoutException) { Lost(ex, key); }
    }
}
