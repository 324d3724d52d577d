using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Core.Caching;

/// <summary>Evicts through the output-cache store the host registered; a store that fails is logged, never thrown to the writer.</summary>
internal sealed class PublicPageCache(IServiceProvider services, ILogger<PublicPageCache> logger) : IPublicPageCache
{
    public async Task EvictAsync(IEnumerable<string> tags, CancellationToken cancellationToken = default)
    {
        // Tools and tests that run the engine without a host have no store: nothing is cached, nothing to evict.
        var store = services.GetService<IOutputCacheStore>();
        if (store is null) return;
        foreach (var tag in tags.Distinct(StringComparer.Ordinal))
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
