using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Core.Caching;

/// <summary>
/// Evicts through the output-cache store the host registered, and the same tags from the
/// <see cref="ITaggedCache"/> of this node and (scale-out mode) of every other node. A store that fails is
/// logged, never thrown to the writer.
/// </summary>
internal sealed class PublicPageCache(IServiceProvider services, ITaggedCache values, PublicPageStore pages, ICacheEvictionBroadcast broadcast, ILogger<PublicPageCache> logger)
    : IPublicPageCache, IPeerEvictions
{
    public async Task EvictAsync(IEnumerable<string> tags, CancellationToken cancellationToken = default)
    {
        var distinct = tags.Distinct(StringComparer.Ordinal).ToArray();
        // Values first: a page rendered after this point reads fresh values on this node.
        values.EvictLocal(distinct);
        pages.EvictLocal(distinct);
        Notify(distinct, fromPeer: false);
        if (broadcast.HasPeers)
        {
            try
            {
                await broadcast.PublishAsync(distinct, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Could not tell the other nodes to evict {Tags}", string.Join(", ", distinct));
            }
        }
        await EvictStoreAsync(distinct, cancellationToken);
    }

    public async Task HeardAsync(IReadOnlyCollection<string> tags)
    {
        var distinct = tags.Distinct(StringComparer.Ordinal).ToArray();
        values.EvictLocal(distinct);
        pages.EvictLocal(distinct);
        Notify(distinct, fromPeer: true);
        // This node may have rendered a page from its old values between the sender's sweep of the shared
        // store and this message, and stored it there: sweeping again once the values are gone removes it.
        await EvictStoreAsync(distinct, CancellationToken.None);
    }

    private void Notify(string[] tags, bool fromPeer)
    {
        // Resolved when first needed: observers may depend on services that depend on this cache.
        foreach (var observer in services.GetServices<IEvictionObserver>())
        {
            try { observer.Evicted(tags, fromPeer); }
            catch (Exception ex) { logger.LogError(ex, "Eviction observer {Observer} failed", observer.GetType().Name); }
        }
    }

    private async Task EvictStoreAsync(string[] tags, CancellationToken cancellationToken)
    {
        // Tools and tests that run the engine without a host have no store: nothing is cached, nothing to evict.
        var store = services.GetService<IOutputCacheStore>();
        if (store is null) return;
        foreach (var tag in tags)
        {
            try
            {
                await store.EvictByTagAsync(tag, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The write that caused this has happened; a stale page until it expires beats a failed publish.
                logger.LogError(ex, "Could not evict cached pages tagged {Tag}", tag);
            }
        }
    }
}
