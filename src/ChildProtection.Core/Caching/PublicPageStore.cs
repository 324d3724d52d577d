using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace ChildProtection.Core.Caching;

/// <summary>
/// This node's copy of rendered public pages, ready to write: status 200, the response headers as they went
/// out the first time (CSP, nosniff, cache-control, Vary …) and the body bytes, keyed by scheme, host, path
/// and the exact query string, tagged like the output-cache entry made by the same render. The front of the
/// pipeline (<see cref="PublicPageStoreMiddleware"/>) answers an anonymous GET/HEAD from it before routing,
/// authentication, localisation and the output cache run: measured on the pages bench, those cost more than
/// the cache lookup itself. Evicted by the same tags as the output cache (<see cref="PublicPageCache"/>, on
/// this node's writes and on those another node's message brings), bounded by size, and never older than
/// <see cref="PageCacheTags.Lifetime"/>.
/// </summary>
public sealed class PublicPageStore : IDisposable
{
    /// <summary>
    /// The bound, in kilobytes (pages are tens of kilobytes): past it the least recently used go first. Its share of
    /// the node's page budget (<see cref="PageCacheBudget"/>), with the output cache's share holding the same pages.
    /// </summary>
    internal const long SizeLimitKilobytes = PageCacheBudget.PageStoreBytes / 1024;

    /// <summary>A page larger than this is not kept here (the output cache's own body limit).</summary>
    public const int MaximumBodyBytes = 2 * 1024 * 1024;

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = SizeLimitKilobytes, CompactionPercentage = 0.25 });
    private readonly ConcurrentDictionary<string, CancellationTokenSource> tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> filling = new(StringComparer.Ordinal);
    private readonly TimeProvider clock;
    private long generation;

    public PublicPageStore(TimeProvider clock) => this.clock = clock;

    /// <summary>Bumped by every eviction: a render that started before one may show what was evicted, so it is not kept.</summary>
    public long Generation => Interlocked.Read(ref generation);

    public bool TryGet(string key, out StoredPage page)
    {
        if (cache.TryGetValue(key, out var value) && value is StoredPage stored)
        {
            page = stored;
            return true;
        }
        page = null!;
        return false;
    }

    /// <summary>One render per address fills the store; other requests meanwhile take the ordinary path.</summary>
    public bool TryBeginFill(string key) => filling.TryAdd(key, 0);

    public void EndFill(string key) => filling.TryRemove(key, out _);

    /// <summary>
    /// Keeps a page rendered by a request that began at <paramref name="startedAt"/> (a <see cref="Generation"/>),
    /// unless something was evicted since: it may have been rendered from what the eviction replaced.
    /// </summary>
    /// <param name="validUntil">The page's own end (<see cref="PageCacheTags.ExpireAt"/>) when it comes before the lifetime's.</param>
    public bool Add(string key, StoredPage page, IReadOnlyCollection<string> tags, long startedAt, DateTimeOffset? validUntil = null)
    {
        var dependencies = new List<CancellationToken>(tags.Count + 1) { TokenOf(PageCacheTags.Site) };
        foreach (var tag in tags) dependencies.Add(TokenOf(tag));
        // Checked after the tokens are taken: an eviction from here on cancels one of them.
        if (Generation != startedAt) return false;
        var expires = page.Created + PageCacheTags.Lifetime;
        if (validUntil < expires) expires = validUntil.Value;
        // Disposing an entry stores it: decide before making one.
        if (expires <= page.Created) return false;
        using var entry = cache.CreateEntry(key);
        entry.Value = page;
        entry.AbsoluteExpiration = expires;
        entry.Size = Math.Max(1, (page.Body.Length + 2048) / 1024);
        foreach (var token in dependencies) entry.ExpirationTokens.Add(new CancellationChangeToken(token));
        return true;
    }

    public void EvictLocal(IEnumerable<string> tags)
    {
        Interlocked.Increment(ref generation);
        foreach (var tag in tags)
            if (tokens.TryRemove(tag, out var source)) source.Cancel();
    }

    public DateTimeOffset Now => clock.GetUtcNow();

    private CancellationToken TokenOf(string tag) => tokens.GetOrAdd(tag, _ => new CancellationTokenSource()).Token;

    /// <summary>How many pages are kept (tests).</summary>
    internal int Count => cache.Count;

    public void Dispose() => cache.Dispose();
}

/// <summary>A page as it is written again: headers without the per-response ones (Date, Age, Content-Length), and the body.</summary>
public sealed record StoredPage(DateTimeOffset Created, string? ContentType, KeyValuePair<string, StringValues>[] Headers, byte[] Body);
