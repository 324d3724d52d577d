using System.Collections.Concurrent;
using ChildProtection.Core.Caching;
using ChildProtection.Search.Indexing;

namespace ChildProtection.Search.Querying;

/// <summary>
/// Results of popular searches, kept for <see cref="Lifetime"/> in Core's tagged cache: under load the same few
/// queries ("đuối nước", "111") are asked again and again, and a cached page of results skips the query and the
/// snippets. A query counts as popular from its second asking within <see cref="CountingWindow"/>, so a flood of
/// one-off queries cannot push the pages' own cached values out. Kept correct two ways: the key carries the
/// index <see cref="SearchIndex.Version"/> (a result is reused only while the index shows exactly what it was
/// computed from, whichever node applied the change and when), and each entry carries
/// <see cref="PageCacheTags.AnyType"/>, which any publication, change or unpublication evicts on every node
/// (the eviction broadcast in scale-out mode), so stale results do not linger in memory.
/// </summary>
internal sealed class SearchResultCache(SiteSearch search, SearchIndex index, ITaggedCache cache, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan CountingWindow = TimeSpan.FromMinutes(1);
    /// <summary>How many distinct queries are counted per window; past it, counting starts over (a flood resets it, it does not grow it).</summary>
    public const int MaxCounted = 10_000;
    private static readonly string[] Tags = [PageCacheTags.AnyType];

    private ConcurrentDictionary<string, int> seen = new(StringComparer.Ordinal);
    private long windowStarted = clock.GetTimestamp();

    public async Task<SearchResults> SearchAsync(SearchRequest request)
    {
        if (request.Input.IsEmpty) return SearchResults.Empty;
        var key = KeyOf(index.Version, request);
        if (!Popular(key)) return search.Search(request);
        var results = await cache.GetOrCreateAsync(key, Tags, Lifetime, () => Task.FromResult<SearchResults?>(search.Search(request)),
            r => 1 + r.Hits.Sum(h => h.TitleHtml.Length + h.SnippetHtml.Length + h.Url.Length) * 2 / 1024);
        return results!;
    }

    /// <summary>Everything the results depend on: the index version, the words (exact and folded), the prefix, filters and page.</summary>
    internal static string KeyOf(long version, SearchRequest request) =>
        string.Join('\u001f', "search", version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            string.Join('\u001e', request.Input.ExactWords), string.Join('\u001e', request.Input.FoldedWords), request.Input.LastWordPrefix ?? "",
            request.Type ?? "", request.Topic ?? "", request.Page, request.PageSize);

    private bool Popular(string key)
    {
        var counts = seen;
        if (clock.GetElapsedTime(Interlocked.Read(ref windowStarted)) > CountingWindow || counts.Count >= MaxCounted)
        {
            Interlocked.Exchange(ref seen, new ConcurrentDictionary<string, int>(StringComparer.Ordinal));
            Interlocked.Exchange(ref windowStarted, clock.GetTimestamp());
            counts = seen;
        }
        return counts.AddOrUpdate(key, 1, (_, n) => n + 1) >= 2;
    }
}
