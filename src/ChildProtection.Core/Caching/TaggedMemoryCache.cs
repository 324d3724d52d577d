using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace ChildProtection.Core.Caching;

/// <summary>
/// <see cref="ITaggedCache"/> in a memory cache of its own, bounded by size: each tag is a cancellation
/// token every entry carrying it depends on; evicting the tag cancels it and a new token takes its place.
/// </summary>
internal sealed class TaggedMemoryCache : ITaggedCache, IDisposable
{
    /// <summary>The bound, in kilobytes: past it the least recently used entries go first.</summary>
    internal const long SizeLimitKilobytes = 24 * 1024;
    private const int DefaultKilobytes = 16;

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = SizeLimitKilobytes, CompactionPercentage = 0.25 });
    private readonly ConcurrentDictionary<string, CancellationTokenSource> tokens = new(StringComparer.Ordinal);

    public async Task<T?> GetOrCreateAsync<T>(string key, IReadOnlyCollection<string> tags, TimeSpan lifetime, Func<Task<T?>> factory, Func<T, int>? kilobytes = null) where T : class
    {
        if (cache.TryGetValue(key, out T? cached) && cached is not null) return cached;

        // The tokens are taken before the values are read: an eviction while the factory runs cancels one of
        // them, and an entry made with a cancelled token is expired from the start.
        var dependencies = new List<CancellationToken>(tags.Count + 1) { TokenOf(PageCacheTags.Site) };
        foreach (var tag in tags) dependencies.Add(TokenOf(tag));
        var value = await factory();
        if (value is null || dependencies.Any(t => t.IsCancellationRequested)) return value;
        using var entry = cache.CreateEntry(key);
        entry.Value = value;
        entry.AbsoluteExpirationRelativeToNow = lifetime;
        entry.Size = Math.Max(1, kilobytes?.Invoke(value) ?? DefaultKilobytes);
        foreach (var token in dependencies) entry.ExpirationTokens.Add(new CancellationChangeToken(token));
        return value;
    }

    public void EvictLocal(IEnumerable<string> tags)
    {
        // Not disposed: an entry being made may still hold the token (a cancelled token stays cancelled; the
        // collector takes the source once nothing does).
        foreach (var tag in tags)
            if (tokens.TryRemove(tag, out var source)) source.Cancel();
    }

    private CancellationToken TokenOf(string tag) => tokens.GetOrAdd(tag, _ => new CancellationTokenSource()).Token;

    /// <summary>How many values are kept (tests).</summary>
    internal int Count => cache.Count;

    public void Dispose() => cache.Dispose();
}
