using ChildProtection.Core.Limits;
using StackExchange.Redis;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// Scale-out mode's counters: one Redis key per counter, incremented and given its expiry in one script so
/// that every node counts in the same window. While Redis cannot be reached the node counts in its own
/// memory (logged): a Redis outage must not stop staff from signing in, and each node still limits.
/// </summary>
internal sealed class RedisRateCounter(RedisConnection connection, string prefix, MemoryRateCounter fallback, ILogger<RedisRateCounter> logger) : IRateCounter
{
    // INCR, and PEXPIRE only on the window's first increment: the window is fixed, not sliding.
    private static readonly LuaScript Increment = LuaScript.Prepare(
        "local n = redis.call('INCR', @key) if n == 1 then redis.call('PEXPIRE', @key, @ms) end return n");

    private RedisKey Key(string key) => prefix + "limits:" + key;

    public async Task<long> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await connection.Multiplexer.GetDatabase().ScriptEvaluateAsync(Increment, new { key = Key(key), ms = (long)window.TotalMilliseconds });
            return (long)result;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Redis unavailable: counting {Key} on this node only", key);
            return await fallback.IncrementAsync(key, window, cancellationToken);
        }
    }

    public async Task<long> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            var value = await connection.Multiplexer.GetDatabase().StringGetAsync(Key(key));
            return value.HasValue ? (long)value : 0;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Redis unavailable: reading {Key} on this node only", key);
            return await fallback.GetAsync(key, cancellationToken);
        }
    }

    public async Task ResetAsync(string key, CancellationToken cancellationToken = default)
    {
        await fallback.ResetAsync(key, cancellationToken);
        try { await connection.Multiplexer.GetDatabase().KeyDeleteAsync(Key(key)); }
        catch (Exception ex) when (ex is RedisException or TimeoutException) { logger.LogWarning(ex, "Redis unavailable: {Key} not reset", key); }
    }
}
