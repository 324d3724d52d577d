using System.Collections.Concurrent;
using ChildProtection.Core.Contents;

namespace ChildProtection.Core.Tests.Infrastructure;

/// <summary>Content events as other modules (search, cache, notices) would receive them.</summary>
public sealed class RecordedEvents : IContentEventHandler
{
    private readonly ConcurrentQueue<(string Kind, string ContentItemId, string VersionId)> events = new();

    public IReadOnlyList<(string Kind, string ContentItemId, string VersionId)> All => events.ToList();

    public IReadOnlyList<string> For(string contentItemId) => events.Where(e => e.ContentItemId == contentItemId).Select(e => e.Kind).ToList();

    public void Clear() => events.Clear();

    /// <summary>What a module would do on a publication (read its index, cache what it read); null for nothing.</summary>
    public Func<ContentItem, Task>? OnPublished { get; set; }

    public async Task PublishedAsync(ContentItem item)
    {
        await Add("Published", item);
        if (OnPublished is { } action) await action(item);
    }
    public Task UnpublishedAsync(ContentItem item) => Add("Unpublished", item);
    public Task RemovedAsync(ContentItem item) => Add("Removed", item);
    public Task SavedAsync(ContentItem item) => Add("Saved", item);

    private Task Add(string kind, ContentItem item)
    {
        events.Enqueue((kind, item.ContentItemId, item.ContentItemVersionId));
        return Task.CompletedTask;
    }
}
