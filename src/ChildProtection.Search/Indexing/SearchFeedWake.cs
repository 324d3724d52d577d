using ChildProtection.Core.Caching;

namespace ChildProtection.Search.Indexing;

/// <summary>
/// Every publication, unpublication or removal evicts its type's lists (or, for topics and menus, the whole
/// site) on every node: on another node that eviction means a row is waiting in the change log.
/// </summary>
internal sealed class SearchFeedWake(SearchChangeFeed feed) : IEvictionObserver
{
    public void Evicted(IReadOnlyCollection<string> tags, bool fromPeer)
    {
        if (fromPeer && tags.Any(t => t is PageCacheTags.AnyType or PageCacheTags.Site)) feed.Wake();
    }
}
