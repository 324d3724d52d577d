using ChildProtection.Core.Caching;

namespace ChildProtection.Core.Tests.Caching;

public sealed class TaggedMemoryCacheTests
{
    private static readonly TimeSpan Minutes = TimeSpan.FromMinutes(5);

    private static async Task<string?> ReadAsync(TaggedMemoryCache cache, string key, string[] tags, string made) =>
        await cache.GetOrCreateAsync<string>(key, tags, Minutes, () => Task.FromResult<string?>(made));

    [Fact]
    public async Task A_value_is_kept_until_one_of_its_tags_is_evicted()
    {
        using var cache = new TaggedMemoryCache();
        Assert.Equal("một", await ReadAsync(cache, "k", ["item:a", "type:Article"], "một"));
        Assert.Equal("một", await ReadAsync(cache, "k", ["item:a", "type:Article"], "hai"));

        cache.EvictLocal(["type:Event"]);
        Assert.Equal("một", await ReadAsync(cache, "k", ["item:a", "type:Article"], "hai"));

        cache.EvictLocal(["type:Article"]);
        Assert.Equal("hai", await ReadAsync(cache, "k", ["item:a", "type:Article"], "hai"));
        Assert.Equal("hai", await ReadAsync(cache, "k", ["item:a", "type:Article"], "ba"));
    }

    [Fact]
    public async Task Evicting_the_site_tag_drops_every_value()
    {
        using var cache = new TaggedMemoryCache();
        await ReadAsync(cache, "a", ["item:a"], "a1");
        await ReadAsync(cache, "b", [], "b1");

        cache.EvictLocal([PageCacheTags.Site]);

        Assert.Equal("a2", await ReadAsync(cache, "a", ["item:a"], "a2"));
        Assert.Equal("b2", await ReadAsync(cache, "b", [], "b2"));
    }

    [Fact]
    public async Task A_value_read_while_its_tag_is_evicted_is_not_kept()
    {
        using var cache = new TaggedMemoryCache();
        // The factory read the old state; the eviction (a publication committing) came before it finished.
        var first = await cache.GetOrCreateAsync<string>("k", ["type:Article"], Minutes, () =>
        {
            cache.EvictLocal(["type:Article"]);
            return Task.FromResult<string?>("cũ");
        });
        Assert.Equal("cũ", first);
        Assert.Equal("mới", await ReadAsync(cache, "k", ["type:Article"], "mới"));
    }

    [Fact]
    public async Task Nothing_is_kept_for_a_missing_value()
    {
        using var cache = new TaggedMemoryCache();
        var calls = 0;
        for (var i = 0; i < 3; i++)
            Assert.Null(await cache.GetOrCreateAsync<string>("missing", [], Minutes, () => { calls++; return Task.FromResult<string?>(null); }));
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task The_cache_stays_within_its_size_bound()
    {
        using var cache = new TaggedMemoryCache();
        // Four times the bound in 1 MB values: past the bound an entry is refused and older ones compacted away.
        for (var i = 0; i < TaggedMemoryCache.SizeLimitKilobytes / 1024 * 4; i++)
            await cache.GetOrCreateAsync<string>("big" + i, [], Minutes, () => Task.FromResult<string?>("x"), _ => 1024);
        Assert.True(cache.Count <= TaggedMemoryCache.SizeLimitKilobytes / 1024, $"{cache.Count} entries of 1 MB kept");
    }
}
