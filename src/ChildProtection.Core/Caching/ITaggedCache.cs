namespace ChildProtection.Core.Caching;

/// <summary>
/// Values pages compute from queries (a published item by its path, a campaign's related articles,
/// resources and events, its reach totals…), kept in this node's memory and dropped by the same tags as
/// cached pages: every <see cref="IPublicPageCache.EvictAsync"/> also evicts here, on every node (scale-out
/// mode broadcasts it). A page rendered fresh (an output-cache miss) then reads them without going to the
/// database again. What is cached is shared between requests: treat it as read-only.
/// </summary>
public interface ITaggedCache
{
    /// <summary>
    /// The cached value of <paramref name="key"/>, or <paramref name="factory"/>'s, kept for
    /// <paramref name="lifetime"/> unless one of <paramref name="tags"/> (or <see cref="PageCacheTags.Site"/>,
    /// which every entry carries) is evicted first. An eviction while the factory runs keeps its result out
    /// of the cache: it may already be stale. A null result is not kept (a miss is cheap to repeat and
    /// unbounded in number: any address may be asked for).
    /// </summary>
    /// <param name="kilobytes">About how much memory the value holds: the cache as a whole is bounded.</param>
    Task<T?> GetOrCreateAsync<T>(string key, IReadOnlyCollection<string> tags, TimeSpan lifetime, Func<Task<T?>> factory, Func<T, int>? kilobytes = null) where T : class;

    /// <summary>Drops this node's entries carrying any of the tags; <see cref="IPublicPageCache"/> calls it (and other nodes' through the broadcast).</summary>
    void EvictLocal(IEnumerable<string> tags);
}
