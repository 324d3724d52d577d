namespace ChildProtection.Core.Caching;

/// <summary>
/// Evicts cached public pages by tag. On one machine the cache is in memory; with several nodes it is
/// the shared store the host configures (Redis), so an eviction on one node reaches every node.
/// </summary>
public interface IPublicPageCache
{
    Task EvictAsync(IEnumerable<string> tags, CancellationToken cancellationToken = default);
}
