using ChildProtection.Core.Contents;
using ChildProtection.Core.Tests.Infrastructure;

namespace ChildProtection.Core.Tests.Engine;

public sealed class SqliteListTests : ListTests<Sqlite>;

[RequiresPostgres]
public sealed class PostgresListTests : ListTests<Postgres>;

/// <summary>The admin list: latest versions with their status, filtered, searched and paged the same on both databases.</summary>
public abstract class ListTests<TDatabase> : SiteTests<TDatabase> where TDatabase : IDatabaseKind
{
    [ServiceFact]
    public async Task The_list_shows_each_item_once_with_its_status_and_filters_by_status_type_and_text()
    {
        var draft = await Site.CreateAsync("Article", "Bản nháp về đuối nước");
        var published = await Site.CreateAsync("Article", "Phòng chống đuối nước", publish: true);
        var withDraft = await Site.CreateAsync("Page", "Giới thiệu", publish: true);
        withDraft.GetOrCreatePart("TitlePart")["Title"] = "Giới thiệu mới";
        await Site.SaveOkAsync(withDraft);
        var binned = await Site.CreateAsync("Page", "Đuối nước cũ");
        await Site.ContentAsync(c => c.RemoveAsync(binned.ContentItemId, "editor"));

        var all = await Site.ContentAsync(c => c.ListAsync(new ContentListQuery()));
        Assert.Equal(3, all.TotalCount);
        var status = all.Items.ToDictionary(e => e.ContentItemId, e => e.Status);
        Assert.Equal(ContentStatus.Draft, status[draft.ContentItemId]);
        Assert.Equal(ContentStatus.Published, status[published.ContentItemId]);
        Assert.Equal(ContentStatus.PublishedWithDraft, status[withDraft.ContentItemId]);
        Assert.Equal("Giới thiệu mới", all.Items.Single(e => e.ContentItemId == withDraft.ContentItemId).DisplayText);

        async Task<string[]> Ids(ContentListQuery q) =>
            (await Site.ContentAsync(c => c.ListAsync(q))).Items.Select(e => e.ContentItemId).Order().ToArray();
        Assert.Equal(new[] { published.ContentItemId, withDraft.ContentItemId }.Order(), await Ids(new() { Status = ContentStatusFilter.Published }));
        Assert.Equal(new[] { draft.ContentItemId, withDraft.ContentItemId }.Order(), await Ids(new() { Status = ContentStatusFilter.Draft }));
        Assert.Equal([withDraft.ContentItemId], await Ids(new() { ContentType = "Page" }));
        Assert.Equal(new[] { draft.ContentItemId, published.ContentItemId }.Order(), await Ids(new() { Search = "đuối nước" }));
        Assert.Equal([binned.ContentItemId], await Ids(new() { Removed = true, Search = "đuối" }));
        // Capitals and decomposed input (some Vietnamese keyboards type it) find the same items.
        Assert.Equal(new[] { draft.ContentItemId, published.ContentItemId }.Order(), await Ids(new() { Search = "ĐUỐI NƯỚC".Normalize(System.Text.NormalizationForm.FormD) }));
        Assert.Empty(await Ids(new() { Search = "100%_" })); // LIKE wildcards are taken literally
    }

    [ServiceFact]
    public async Task Pages_of_the_list_do_not_overlap()
    {
        for (var i = 1; i <= 7; i++) await Site.CreateAsync("Page", $"Trang {i}");

        var pages = new List<ContentListEntry>();
        for (var page = 1; page <= 3; page++)
        {
            var result = await Site.ContentAsync(c => c.ListAsync(new ContentListQuery { Page = page, PageSize = 3 }));
            Assert.Equal((7, 3), (result.TotalCount, result.PageCount));
            pages.AddRange(result.Items);
        }

        Assert.Equal(7, pages.Select(e => e.ContentItemId).Distinct().Count());
        Assert.Equal("Trang 7", pages[0].DisplayText); // newest first
    }
}
