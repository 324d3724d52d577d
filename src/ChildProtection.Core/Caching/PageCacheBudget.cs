namespace ChildProtection.Core.Caching;

/// <summary>
/// One memory budget for rendered public pages on this node, split between the two places that keep them: the
/// page store (<see cref="PublicPageStore"/>), which answers nearly every anonymous hit at the front of the
/// pipeline, and the in-memory output cache behind it, which answers only what the store cannot (a visitor with a
/// language cookie, a conditional request, requests while the store is being filled) and stays the record of tags
/// and eviction. Both hold the same pages, so each had its own 32 MB before and together they could keep 64 MB;
/// now their sum is the budget. (With Redis as the output-cache store the output cache's part is not in this
/// process at all.)
/// </summary>
public static class PageCacheBudget
{
    public const long TotalBytes = 32L * 1024 * 1024;

    /// <summary>The page store's part, most of it: it is what serves the traffic.</summary>
    public const long PageStoreBytes = 24L * 1024 * 1024;

    /// <summary>The in-memory output cache's part, the rest.</summary>
    public const long OutputCacheBytes = TotalBytes - PageStoreBytes;
}
