using ChildProtection.Core.Contents;
using ChildProtection.Core.Tests.Infrastructure;

namespace ChildProtection.Core.Tests.Routing;

public sealed class SqliteRouteTests : RouteTests<Sqlite>;

[RequiresPostgres]
public sealed class PostgresRouteTests : RouteTests<Postgres>;

/// <summary>Public addresses: made from the title, unique, editable, and old addresses lead to the new one.</summary>
public abstract class RouteTests<TDatabase> : SiteTests<TDatabase> where TDatabase : IDatabaseKind
{
    private async Task<ContentResult> SetPathAsync(string id, string path, bool publish = false)
    {
        var item = (await Site.GetAsync(id, VersionOptions.Latest))!;
        item.GetOrCreatePart("RoutePart")["Path"] = path;
        return await Site.SaveAsync(item, publish);
    }

    [ServiceFact]
    public async Task The_address_is_made_from_the_title_under_the_type_prefix()
    {
        var article = await Site.CreateAsync("Article", "Phòng chống đuối nước");
        var page = await Site.CreateAsync("Page", "Giới thiệu chung");

        Assert.Equal("tin-tuc/phong-chong-duoi-nuoc", article.Path);
        Assert.Equal("tin-tuc/phong-chong-duoi-nuoc", article.Part("RoutePart")!["Path"]!.GetValue<string>());
        Assert.Equal("gioi-thieu-chung", page.Path);
        Assert.Null((await Site.CreateAsync("Guide", "Cẩm nang")).Path); // no route part, no address
    }

    [ServiceFact]
    public async Task Generated_addresses_are_made_unique_and_an_item_keeps_its_own()
    {
        var first = await Site.CreateAsync("Article", "Phòng chống đuối nước");
        var second = await Site.CreateAsync("Article", "Phòng chống đuối nước");
        var third = await Site.CreateAsync("Article", "Phòng chống đuối nước!");

        Assert.Equal("tin-tuc/phong-chong-duoi-nuoc-2", second.Path);
        Assert.Equal("tin-tuc/phong-chong-duoi-nuoc-3", third.Path);
        // Re-saving the first with an emptied address regenerates the same one, not a "-4".
        var again = await SetPathAsync(first.ContentItemId, "");
        Assert.Equal("tin-tuc/phong-chong-duoi-nuoc", again.Item!.Path);
    }

    [ServiceFact]
    public async Task A_title_without_letters_falls_back_to_the_item_id()
    {
        var item = await Site.CreateAsync("Page", "!!!");
        Assert.Equal(item.ContentItemId, item.Path);
    }

    [ServiceTheory]
    [InlineData("Phòng-chống")]
    [InlineData("tin tuc")]
    [InlineData("admin")]
    [InlineData("api/content")]
    [InlineData("tin-tuc/phong-chong-duoi-nuoc")]
    public async Task A_typed_address_that_is_invalid_reserved_or_taken_is_refused(string path)
    {
        await Site.CreateAsync("Article", "Phòng chống đuối nước");
        var page = await Site.CreateAsync("Page", "Trang mới");

        var result = await SetPathAsync(page.ContentItemId, path);

        Assert.False(result.Succeeded);
        Assert.Equal("RoutePart.Path", Assert.Single(result.Errors).Path);
        Assert.Single(await Site.RowsAsync(page.ContentItemId));
    }

    [ServiceFact]
    public async Task A_typed_address_is_kept_as_typed()
    {
        var page = await Site.CreateAsync("Page", "Liên hệ");
        var result = await SetPathAsync(page.ContentItemId, "/lien-he/duong-day-nong/");
        Assert.Equal("lien-he/duong-day-nong", result.Item!.Path);
    }

    [ServiceFact]
    public async Task An_old_address_redirects_to_the_new_one_once_the_new_one_is_published()
    {
        var item = await Site.CreateAsync("Article", "Phòng chống đuối nước", publish: true);
        const string oldPath = "tin-tuc/phong-chong-duoi-nuoc";
        Assert.True((await SetPathAsync(item.ContentItemId, "tin-tuc/an-toan-mua-he")).Succeeded);

        // Only a draft has the new address: the old one is still the live page.
        Assert.Null(await Site.ContentAsync(c => c.FindRedirectAsync(oldPath)));
        Assert.NotNull(await Site.ContentAsync(c => c.GetPublishedByPathAsync(oldPath)));

        await Site.ContentAsync(c => c.PublishAsync(item.ContentItemId, "reviewer"));

        Assert.Equal("tin-tuc/an-toan-mua-he", await Site.ContentAsync(c => c.FindRedirectAsync(oldPath)));
        Assert.Null(await Site.ContentAsync(c => c.GetPublishedByPathAsync(oldPath)));
        Assert.Equal(item.ContentItemId, (await Site.ContentAsync(c => c.GetPublishedByPathAsync("tin-tuc/an-toan-mua-he")))!.ContentItemId);

        // A second move: both earlier addresses lead to the newest.
        await SetPathAsync(item.ContentItemId, "tin-tuc/an-toan-song-nuoc", publish: true);
        Assert.Equal("tin-tuc/an-toan-song-nuoc", await Site.ContentAsync(c => c.FindRedirectAsync(oldPath)));
        Assert.Equal("tin-tuc/an-toan-song-nuoc", await Site.ContentAsync(c => c.FindRedirectAsync("tin-tuc/an-toan-mua-he")));
        Assert.Null(await Site.ContentAsync(c => c.FindRedirectAsync("tin-tuc/an-toan-song-nuoc")));
    }

    [ServiceFact]
    public async Task An_old_address_taken_by_another_published_item_no_longer_redirects()
    {
        var moved = await Site.CreateAsync("Article", "Phòng chống đuối nước", publish: true);
        await SetPathAsync(moved.ContentItemId, "tin-tuc/an-toan-mua-he", publish: true);

        var newcomer = await Site.CreateAsync("Article", "Phòng chống đuối nước", publish: true);

        Assert.Equal("tin-tuc/phong-chong-duoi-nuoc", newcomer.Path);
        Assert.Null(await Site.ContentAsync(c => c.FindRedirectAsync("tin-tuc/phong-chong-duoi-nuoc")));
        Assert.Equal(newcomer.ContentItemId, (await Site.ContentAsync(c => c.GetPublishedByPathAsync("tin-tuc/phong-chong-duoi-nuoc")))!.ContentItemId);
    }

    [ServiceFact]
    public async Task An_unpublished_item_does_not_redirect()
    {
        var item = await Site.CreateAsync("Article", "Phòng chống đuối nước", publish: true);
        await SetPathAsync(item.ContentItemId, "tin-tuc/an-toan-mua-he", publish: true);

        await Site.ContentAsync(c => c.UnpublishAsync(item.ContentItemId, "reviewer"));

        Assert.Null(await Site.ContentAsync(c => c.FindRedirectAsync("tin-tuc/phong-chong-duoi-nuoc")));
    }

    [ServiceFact]
    public async Task An_address_freed_by_the_bin_can_be_taken_and_the_restored_item_gives_way()
    {
        var binned = await Site.CreateAsync("Page", "Hỏi đáp", publish: true);
        await Site.ContentAsync(c => c.RemoveAsync(binned.ContentItemId, "editor"));

        var taker = await Site.CreateAsync("Page", "Hỏi đáp", publish: true);
        Assert.Equal("hoi-dap", taker.Path);

        await Site.ContentAsync(c => c.RestoreRemovedAsync(binned.ContentItemId, "editor"));
        var restored = (await Site.GetAsync(binned.ContentItemId, VersionOptions.Latest))!;
        Assert.NotEqual("hoi-dap", restored.Path);
        Assert.StartsWith("hoi-dap-", restored.Path);
        Assert.Equal(restored.Path, restored.Part("RoutePart")!["Path"]!.GetValue<string>());
        Assert.Equal(taker.ContentItemId, (await Site.ContentAsync(c => c.GetPublishedByPathAsync("hoi-dap")))!.ContentItemId);
    }

    [ServiceFact]
    public async Task Items_with_the_same_title_created_at_the_same_time_still_get_different_addresses()
    {
        const int editors = 6;
        var ids = new List<string>();
        for (var i = 0; i < editors; i++) ids.Add((await Site.NewAsync("Page")).ContentItemId);
        ContentItem Input(string id)
        {
            var item = new ContentItem { ContentItemId = id, ContentType = "Page" };
            item.GetOrCreatePart("TitlePart")["Title"] = "Phòng chống đuối nước";
            return item;
        }
        using var start = new ManualResetEventSlim(false);
        var saves = ids.Select(id => Task.Run(async () =>
        {
            var input = Input(id);
            start.Wait();
            return (Id: id, Result: await Site.SaveAsync(input, publish: true));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(saves);

        var saved = results.Where(r => r.Result.Succeeded).Select(r => r.Result.Item!).ToList();
        Assert.NotEmpty(saved);
        // Losers of the race are told to save again (nothing of theirs was written), and then succeed.
        foreach (var (id, refused) in results.Where(r => !r.Result.Succeeded))
        {
            Assert.Contains("same time", refused.Errors.Single().Format());
            Assert.Empty(await Site.RowsAsync(id));
            saved.Add(await Site.SaveOkAsync(Input(id), publish: true));
        }
        Assert.Equal(editors, saved.Count);
        Assert.Equal(editors, saved.Select(i => i.Path).Distinct().Count());
        foreach (var item in saved)
            Assert.Equal(item.ContentItemId, (await Site.ContentAsync(c => c.GetPublishedByPathAsync(item.Path!)))!.ContentItemId);
    }
}
