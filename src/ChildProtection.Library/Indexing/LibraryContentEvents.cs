using ChildProtection.Core.Contents;
using ChildProtection.Library.Parts;

namespace ChildProtection.Library.Indexing;

/// <summary>Publication changes of resources reach the library index (after the change is committed).</summary>
internal sealed class LibraryContentEvents(LibraryIndex index) : IContentEventHandler
{
    public Task PublishedAsync(ContentItem item) =>
        item.ContentType == ResourceData.TypeName ? index.UpsertAsync(item) : Task.CompletedTask;

    public Task UnpublishedAsync(ContentItem item) =>
        item.ContentType == ResourceData.TypeName ? index.RemoveAsync(item.ContentItemId) : Task.CompletedTask;

    public Task RemovedAsync(ContentItem item) =>
        item.ContentType == ResourceData.TypeName ? index.RemoveAsync(item.ContentItemId) : Task.CompletedTask;

    public Task SavedAsync(ContentItem item) =>
        item.ContentType == ResourceData.TypeName && !item.Published
            ? index.ApplyRestrictionAsync(ResourceData.From(item), published: false)
            : Task.CompletedTask;
}
