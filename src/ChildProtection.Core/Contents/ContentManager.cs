using System.Text.Json;
using System.Text.Json.Nodes;
using ChildProtection.Core.Caching;
using ChildProtection.Core.Data;
using ChildProtection.Core.Metadata;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Core.Contents;

/// <summary>Reads of versioned items. Writes are in ContentManager.Writes.cs.</summary>
internal sealed partial class ContentManager(
    CoreDbContext db,
    IContentDefinitionStore definitions,
    ContentPipeline pipeline,
    ContentUnitOfWork unitOfWork,
    IEnumerable<IContentEventHandler> eventHandlers,
    IEnumerable<IPublicationCheck> publicationChecks,
    PageCacheTags pageTags,
    ITaggedCache published,
    ILogger<ContentManager> logger) : IContentManager
{
    private static readonly JsonSerializerOptions StoreJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task<ContentItem> NewAsync(string contentType, CancellationToken cancellationToken = default)
    {
        var type = await definitions.GetTypeAsync(contentType, cancellationToken);
        return new ContentItem { ContentItemId = IdGenerator.NewId(), ContentType = type?.Name ?? contentType };
    }

    public async Task<ContentItem?> GetAsync(string contentItemId, VersionOptions options, CancellationToken cancellationToken = default)
    {
        if (options.Kind == VersionKind.Published)
        {
            // A cached public page that shows this item is evicted when it is published again or taken off.
            pageTags.AddItem(contentItemId);
            var current = InWrite
                ? await PublishedById(db, contentItemId, cancellationToken)
                : await published.GetOrCreateAsync("published-id:" + contentItemId, PublishedReadTags, PageCacheTags.Lifetime,
                    () => PublishedById(db, contentItemId, cancellationToken), SizeOf);
            return current is null ? null : ToItem(current);
        }
        var query = db.ContentItems.AsNoTracking().Where(r => r.ContentItemId == contentItemId && !r.Removed);
        query = options.Kind switch
        {
            VersionKind.Published => query.Where(r => r.Published),
            VersionKind.Version => db.ContentItems.AsNoTracking().Where(r => r.ContentItemId == contentItemId && r.ContentItemVersionId == options.VersionId),
            _ => query.Where(r => r.Latest),
        };
        var record = await query.FirstOrDefaultAsync(cancellationToken);
        return record is null ? null : ToItem(record);
    }

    public async Task<IReadOnlyList<ContentItem>> GetVersionsAsync(string contentItemId, CancellationToken cancellationToken = default)
    {
        var records = await db.ContentItems.AsNoTracking()
            .Where(r => r.ContentItemId == contentItemId)
            .OrderByDescending(r => r.Number)
            .ToListAsync(cancellationToken);
        return records.Select(ToItem).ToList();
    }

    // Every public page asks this: compiled once, so a request skips EF's query pipeline. A compiled
    // query is bound to the model it first ran with and the SQLite and PostgreSQL models differ, so
    // each provider gets its own copy (one process may use both: tests, a move between databases).
    private static readonly Func<CoreDbContext, string, CancellationToken, Task<ContentItemRecord?>>[] PublishedByPathQueries =
    [
        EF.CompileAsyncQuery((CoreDbContext db, string path, CancellationToken _) =>
            db.ContentItems.AsNoTracking().FirstOrDefault(r => r.Path == path && r.Published && !r.Removed)),
        EF.CompileAsyncQuery((CoreDbContext db, string path, CancellationToken _) =>
            db.ContentItems.AsNoTracking().FirstOrDefault(r => r.Path == path && r.Published && !r.Removed)),
    ];

    private static readonly Func<CoreDbContext, string, CancellationToken, Task<ContentItemRecord?>>[] PublishedByIdQueries =
    [
        EF.CompileAsyncQuery((CoreDbContext db, string id, CancellationToken _) =>
            db.ContentItems.AsNoTracking().FirstOrDefault(r => r.ContentItemId == id && r.Published && !r.Removed)),
        EF.CompileAsyncQuery((CoreDbContext db, string id, CancellationToken _) =>
            db.ContentItems.AsNoTracking().FirstOrDefault(r => r.ContentItemId == id && r.Published && !r.Removed)),
    ];

    /// <summary>
    /// Published reads by id and by path are kept in the tagged cache (every public page makes one or more)
    /// until any publication, change, unpublication or removal, each of which evicts <see cref="PageCacheTags.AnyType"/>
    /// after its transaction commits. What is kept is the stored record: each read still makes its own item.
    /// </summary>
    private static readonly string[] PublishedReadTags = [PageCacheTags.AnyType];

    /// <summary>
    /// Inside a transaction (a unit of work, a recipe) the evictions wait for the commit: reads there see the
    /// database itself, their own writes included.
    /// </summary>
    private bool InWrite => unitOfWork.IsActive || db.Database.CurrentTransaction is not null;

    private static int SizeOf(ContentItemRecord record) => 1 + record.Data.Length * 2 / 1024;

    private static Task<ContentItemRecord?> PublishedByPath(CoreDbContext db, string path, CancellationToken cancellationToken) =>
        PublishedByPathQueries[db is PostgresCoreDbContext ? 1 : 0](db, path, cancellationToken);

    private static Task<ContentItemRecord?> PublishedById(CoreDbContext db, string id, CancellationToken cancellationToken) =>
        PublishedByIdQueries[db is PostgresCoreDbContext ? 1 : 0](db, id, cancellationToken);

    public async Task<ContentItem?> GetPublishedByPathAsync(string path, CancellationToken cancellationToken = default)
    {
        var record = InWrite
            ? await PublishedByPath(db, path, cancellationToken)
            : await published.GetOrCreateAsync("published-path:" + path, PublishedReadTags, PageCacheTags.Lifetime,
                () => PublishedByPath(db, path, cancellationToken), SizeOf);
        if (record is not null) pageTags.AddItem(record.ContentItemId);
        return record is null ? null : ToItem(record);
    }

    public async Task<string?> FindRedirectAsync(string oldPath, CancellationToken cancellationToken = default)
    {
        var history = await db.RouteHistory.AsNoTracking().FirstOrDefaultAsync(h => h.Path == oldPath, cancellationToken);
        if (history is null) return null;
        return await db.ContentItems.AsNoTracking()
            .Where(r => r.ContentItemId == history.ContentItemId && r.Published && !r.Removed && r.Path != null && r.Path != oldPath)
            .Select(r => r.Path)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ContentItem>> ListLatestOfTypeAsync(string contentType, CancellationToken cancellationToken = default)
    {
        var records = await db.ContentItems.AsNoTracking()
            .Where(r => r.ContentType == contentType && r.Latest && !r.Removed)
            .OrderBy(r => r.CreatedUtc).ThenBy(r => r.Id)
            .Take(1000)
            .ToListAsync(cancellationToken);
        return records.Select(ToItem).ToList();
    }

    public async Task<PagedResult<ContentItem>> ListPublishedAsync(string? contentType, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 100);
        pageTags.Add(string.IsNullOrEmpty(contentType) ? PageCacheTags.AnyType : PageCacheTags.Type(contentType));
        // Equality terms (not bare boolean columns) so SQLite can walk IX_ContentItems_PublishedList in order.
        var published = true;
        var removed = false;
        var query = db.ContentItems.AsNoTracking().Where(r => r.Published == published && r.Removed == removed);
        if (!string.IsNullOrEmpty(contentType)) query = query.Where(r => r.ContentType == contentType);
        var total = await query.CountAsync(cancellationToken);
        var records = await query.OrderByDescending(r => r.PublishedUtc).ThenByDescending(r => r.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedResult<ContentItem>(records.Select(ToItem).ToList(), total, page, pageSize);
    }

    public async Task<PagedResult<ContentListEntry>> ListAsync(ContentListQuery q, CancellationToken cancellationToken = default)
    {
        var page = Math.Max(1, q.Page);
        var pageSize = Math.Clamp(q.PageSize, 1, 100);
        // "Latest = @p" rather than a bare boolean column: SQLite only uses the list indexes (and their
        // order, which makes deep pages cheap) for equality terms.
        var latest = true;
        var removed = q.Removed;
        var query = db.ContentItems.AsNoTracking().Where(r => r.Latest == latest && r.Removed == removed);
        if (!string.IsNullOrEmpty(q.ContentType)) query = query.Where(r => r.ContentType == q.ContentType);
        else if (q.ContentTypes is { } types) query = query.Where(r => types.Contains(r.ContentType));
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var search = q.Search.Trim().Normalize(System.Text.NormalizationForm.FormC);
            var pattern = "%" + search.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            // SQLite's LIKE ignores case for ASCII only ("đuối" would miss "Đuối nước"), and lowering each
            // row at query time costs a call per row: compare against the lower-case key kept on write.
            var key = ContentItemRecord.KeyOf(search);
            query = db.Database.IsNpgsql()
                ? query.Where(r => EF.Functions.ILike(r.DisplayText, pattern, "\\"))
                : query.Where(r => r.DisplayTextKey.Contains(key));
        }
        query = q.Status switch
        {
            ContentStatusFilter.Draft => query.Where(r => !r.Published),
            ContentStatusFilter.Published => query.Where(r => r.Published || db.ContentItems.Any(p => p.ContentItemId == r.ContentItemId && p.Published)),
            _ => query,
        };
        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(r => r.ModifiedUtc).ThenByDescending(r => r.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(r => new { r.ContentItemId, r.ContentItemVersionId, r.ContentType, r.DisplayText, r.Path, r.Published, r.Owner, r.Author, r.CreatedUtc, r.ModifiedUtc, r.PublishedUtc, r.Number })
            .ToListAsync(cancellationToken);
        var draftIds = rows.Where(r => !r.Published).Select(r => r.ContentItemId).ToList();
        var withPublished = draftIds.Count == 0
            ? []
            : (await db.ContentItems.AsNoTracking().Where(r => draftIds.Contains(r.ContentItemId) && r.Published).Select(r => r.ContentItemId).ToListAsync(cancellationToken)).ToHashSet();
        var entries = rows.Select(r => new ContentListEntry(
            r.ContentItemId, r.ContentItemVersionId, r.ContentType, r.DisplayText, r.Path,
            r.Published ? ContentStatus.Published : withPublished.Contains(r.ContentItemId) ? ContentStatus.PublishedWithDraft : ContentStatus.Draft,
            r.Owner, r.Author, r.CreatedUtc, r.ModifiedUtc, r.PublishedUtc, r.Number)).ToList();
        return new PagedResult<ContentListEntry>(entries, total, page, pageSize);
    }

    public async Task<IReadOnlyDictionary<string, (int Total, int Published)>> CountByTypeAsync(CancellationToken cancellationToken = default)
    {
        var latest = true;
        var removed = false;
        var totals = await db.ContentItems.AsNoTracking().Where(r => r.Latest == latest && r.Removed == removed)
            .GroupBy(r => r.ContentType).Select(g => new { Type = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        // The published row of an item is its latest or an older one; count items, not rows.
        var published = await db.ContentItems.AsNoTracking().Where(r => r.Published && r.Removed == removed)
            .GroupBy(r => r.ContentType).Select(g => new { Type = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return totals.ToDictionary(t => t.Type, t => (t.Count, published.FirstOrDefault(p => p.Type == t.Type)?.Count ?? 0));
    }

    public async Task<ContentStatus?> GetStatusAsync(string contentItemId, CancellationToken cancellationToken = default)
    {
        var rows = await db.ContentItems.AsNoTracking()
            .Where(r => r.ContentItemId == contentItemId && !r.Removed && (r.Latest || r.Published))
            .Select(r => new { r.Latest, r.Published }).ToListAsync(cancellationToken);
        if (rows.Count == 0) return null;
        if (rows.Any(r => r.Latest && r.Published)) return ContentStatus.Published;
        return rows.Any(r => r.Published) ? ContentStatus.PublishedWithDraft : ContentStatus.Draft;
    }

    internal static ContentItem ToItem(ContentItemRecord r)
    {
        JsonObject content;
        try { content = JsonNode.Parse(r.Data) as JsonObject ?? new JsonObject(); }
        catch (JsonException) { content = new JsonObject(); }
        return new ContentItem
        {
            ContentItemId = r.ContentItemId,
            ContentItemVersionId = r.ContentItemVersionId,
            ContentType = r.ContentType,
            DisplayText = r.DisplayText,
            Latest = r.Latest,
            Published = r.Published,
            Owner = r.Owner,
            Author = r.Author,
            CreatedUtc = r.CreatedUtc,
            ModifiedUtc = r.ModifiedUtc,
            PublishedUtc = r.PublishedUtc,
            Number = r.Number,
            Path = r.Path,
            Content = content,
        };
    }
}
