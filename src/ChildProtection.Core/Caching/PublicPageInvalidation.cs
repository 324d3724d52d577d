using ChildProtection.Core.Contents;

namespace ChildProtection.Core.Caching;

/// <summary>
/// Publishing, changing (a new published version is a publication), unpublishing or removing an item
/// evicts the pages that showed it and the lists of its type, the moment it happens.
/// </summary>
internal sealed class PublicPageInvalidation(IPublicPageCache cache) : IContentEventHandler
{
    public Task PublishedAsync(ContentItem item) => EvictAsync(item);
    public Task UnpublishedAsync(ContentItem item) => EvictAsync(item);
    public Task RemovedAsync(ContentItem item) => EvictAsync(item);

    private Task EvictAsync(ContentItem item)
    {
        // Topic names and menus show on pages that never read the item itself: a change to either is a site-wide change.
        var structural = item.Part("TaxonomyPart") is not null || item.Part("MenuPart") is not null;
        return structural
            ? cache.EvictAsync([PageCacheTags.Site])
            : cache.EvictAsync([PageCacheTags.Item(item.ContentItemId), PageCacheTags.Type(item.ContentType), PageCacheTags.AnyType]);
    }
}
