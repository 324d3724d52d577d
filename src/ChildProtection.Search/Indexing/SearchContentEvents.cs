using ChildProtection.Core.Contents;
using ChildProtection.Core.Parts;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Search.Indexing;

/// <summary>
/// Keeps the index current. A publish (first publication or a changed published version) writes the item,
/// unless it may no longer be found (made restricted, lost its address), in which case it goes; unpublishing
/// and removing take it out. A draft saved over a published item changes nothing the public sees.
/// </summary>
/// <remarks>The taxonomy lookup is resolved when needed: it reads through the content manager, which holds these handlers.</remarks>
internal sealed class SearchContentEvents(SearchIndex index, IServiceProvider services) : IContentEventHandler
{
    public async Task PublishedAsync(ContentItem item)
    {
        var taxonomies = services.GetRequiredService<ITaxonomyLookup>();
        var document = SearchDocument.From(item, await TopicNames.LoadAsync(taxonomies, CancellationToken.None));
        if (document is null) index.Delete(item.ContentItemId);
        else index.Upsert(document);
        index.Commit();
    }

    public Task UnpublishedAsync(ContentItem item) => DeleteAsync(item);

    public Task RemovedAsync(ContentItem item) => DeleteAsync(item);

    private Task DeleteAsync(ContentItem item)
    {
        index.Delete(item.ContentItemId);
        index.Commit();
        return Task.CompletedTask;
    }
}
