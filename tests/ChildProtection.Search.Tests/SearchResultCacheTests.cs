using ChildProtection.Core.Caching;
using ChildProtection.Search.Indexing;
using ChildProtection.Search.Querying;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Search.Tests;

public sealed class SearchResultCacheTests(SearchSite site) : IClassFixture<SearchSite>
{
    [Fact]
    public async Task A_popular_query_is_served_from_the_cache_and_any_publication_evicts_it()
    {
        var item = await site.ArticleAsync("Khỉ đột ở vườn thú thành phố");
        var cache = site.Services.GetRequiredService<SearchResultCache>();
        var index = site.Services.GetRequiredService<SearchIndex>();
        var tagged = site.Services.GetRequiredService<ITaggedCache>();
        var request = new SearchRequest(SearchInput.Parse("khi dot"));

        var first = await cache.SearchAsync(request);
        Assert.Equal([item.ContentItemId], first.Hits.Select(h => h.Id));
        var second = await cache.SearchAsync(request);
        Assert.Same(second, await cache.SearchAsync(request));

        var key = SearchResultCache.KeyOf(index.Version, request);
        async Task<bool> CachedAsync()
        {
            var computed = false;
            await tagged.GetOrCreateAsync(key, [PageCacheTags.AnyType], TimeSpan.FromSeconds(1), () => { computed = true; return Task.FromResult<SearchResults?>(null); });
            return !computed;
        }
        Assert.True(await CachedAsync());

        // Publishing an unrelated item evicts every cached result (a new item may match any query).
        await site.ArticleAsync("Tin không liên quan về lịch họp");
        Assert.False(await CachedAsync());
        // And the next search reads the index as it is now.
        var third = await cache.SearchAsync(request);
        Assert.NotSame(second, third);
    }
}
