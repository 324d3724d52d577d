using ChildProtection.Articles.Data;
using ChildProtection.Core.Caching;
using ChildProtection.Core.Contents;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Articles.Index;

/// <summary>Published articles newest first: all of them, or those of one topic; and an article's related ones.</summary>
internal sealed class NewsQuery(IContentManager contents, ArticlesDbContext db, PageCacheTags pageTags)
{
    public const int MaxPageSize = 50;

    public async Task<PagedResult<ContentItem>> ListAsync(string? termId, int page, int pageSize, CancellationToken cancellationToken)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        // A topic list reads the article index, not the items: any article's publication may change it.
        pageTags.AddType(ArticleTopics.ContentType);
        if (string.IsNullOrEmpty(termId)) return await contents.ListPublishedAsync(ArticleTopics.ContentType, page, pageSize, cancellationToken);

        var query = db.Topics.AsNoTracking().Where(t => t.TermId == termId);
        var total = await query.CountAsync(cancellationToken);
        var ids = await query.OrderByDescending(t => t.PublishedUtc).ThenByDescending(t => t.ContentItemId)
            .Skip((page - 1) * pageSize).Take(pageSize).Select(t => t.ContentItemId).ToListAsync(cancellationToken);
        return new PagedResult<ContentItem>(await LoadAsync(ids, cancellationToken), total, page, pageSize);
    }

    /// <summary>
    /// The articles picked on the item (still published, in the editor's order); when none are picked,
    /// the published articles sharing most topics with it, newest first.
    /// </summary>
    public async Task<IReadOnlyList<ContentItem>> RelatedAsync(ContentItem item, int take, CancellationToken cancellationToken)
    {
        pageTags.AddType(ArticleTopics.ContentType); // a newly published article may become related
        var picked = PickedIds(item);
        if (picked.Count > 0) return (await LoadAsync(picked, cancellationToken)).Where(i => i.ContentItemId != item.ContentItemId).Take(take).ToList();
        var topics = ArticleTopics.Of(item);
        if (topics.Count == 0) return [];
        var ids = await db.Topics.AsNoTracking()
            .Where(t => topics.Contains(t.TermId) && t.ContentItemId != item.ContentItemId)
            .GroupBy(t => t.ContentItemId)
            .Select(g => new { Id = g.Key, Shared = g.Count(), Latest = g.Max(t => t.PublishedUtc) })
            .OrderByDescending(g => g.Shared).ThenByDescending(g => g.Latest)
            .Take(take).Select(g => g.Id).ToListAsync(cancellationToken);
        return await LoadAsync(ids, cancellationToken);
    }

    public static List<string> PickedIds(ContentItem item) =>
        item.Part(ArticleTopics.ContentType)?["Related"]?["ContentItemIds"] is System.Text.Json.Nodes.JsonArray array
            ? array.Where(n => n?.GetValueKind() == System.Text.Json.JsonValueKind.String).Select(n => n!.GetValue<string>()).Distinct().ToList()
            : [];

    private async Task<List<ContentItem>> LoadAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var items = new List<ContentItem>();
        foreach (var id in ids)
            if (await contents.GetAsync(id, VersionOptions.Published, cancellationToken) is { } found) items.Add(found);
        return items;
    }
}
