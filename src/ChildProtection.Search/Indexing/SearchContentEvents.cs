using ChildProtection.Core.Contents;

namespace ChildProtection.Search.Indexing;

/// <summary>
/// This node's own publications, unpublications and removals are applied from the change log the moment they
/// commit, so the editor (and a visitor on this node) finds the item at once; other nodes apply the same rows
/// when their loop is woken. A draft saved over a published item writes no row and changes nothing here.
/// </summary>
internal sealed class SearchContentEvents(SearchChangeFeed feed) : IContentEventHandler
{
    public Task PublishedAsync(ContentItem item) => feed.ApplyPendingAsync(CancellationToken.None);

    public Task UnpublishedAsync(ContentItem item) => feed.ApplyPendingAsync(CancellationToken.None);

    public Task RemovedAsync(ContentItem item) => feed.ApplyPendingAsync(CancellationToken.None);
}
