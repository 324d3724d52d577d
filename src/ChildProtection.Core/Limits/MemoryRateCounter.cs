using System.Collections.Concurrent;

namespace ChildProtection.Core.Limits;

/// <summary>The embedded default: counters in this process's memory, dropped when their window ends.</summary>
public sealed class MemoryRateCounter(TimeProvider clock) : IRateCounter
{
    private sealed class Window(DateTimeOffset ends)
    {
        public readonly DateTimeOffset Ends = ends;
        public long Count;
    }

    private readonly ConcurrentDictionary<string, Window> windows = new(StringComparer.Ordinal);
    private long calls;

    public Task<long> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        if (Interlocked.Increment(ref calls) % 1024 == 0) Sweep(now);
        while (true)
        {
            var current = windows.GetOrAdd(key, _ => new Window(now + window));
            if (current.Ends <= now)
            {
                // Ended: replace it, unless another caller did first (then count in theirs).
                windows.TryUpdate(key, new Window(now + window), current);
                continue;
            }
            return Task.FromResult(Interlocked.Increment(ref current.Count));
        }
    }

    public Task<long> GetAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(windows.TryGetValue(key, out var w) && w.Ends > clock.GetUtcNow() ? Interlocked.Read(ref w.Count) : 0);

    public Task ResetAsync(string key, CancellationToken cancellationToken = default)
    {
        windows.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    /// <summary>Counters that nobody asks about again would otherwise stay for the life of the process.</summary>
    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, w) in windows)
            if (w.Ends <= now) windows.TryRemove(new KeyValuePair<string, Window>(key, w));
    }
}
