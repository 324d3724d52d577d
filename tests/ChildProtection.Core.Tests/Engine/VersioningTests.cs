using ChildProtection.Core.Contents;
using ChildProtection.Core.Tests.Infrastructure;

namespace ChildProtection.Core.Tests.Engine;

public sealed class SqliteVersioningTests : VersioningTests<Sqlite>;

[RequiresPostgres]
public sealed class PostgresVersioningTests : VersioningTests<Postgres>;

/// <summary>Every save is a version; one is Latest, at most one is Published; history is never rewritten.</summary>
public abstract class VersioningTests<TDatabase> : SiteTests<TDatabase> where TDatabase : IDatabaseKind
{
    private async Task<ContentItem> EditTitleAsync(string id, string title, bool publish = false)
    {
        var item = (await Site.GetAsync(id, VersionOptions.Latest))!;
        item.GetOrCreatePart("TitlePart")["Title"] = title;
        return await Site.SaveOkAsync(item, publish);
    }

    [ServiceFact]
    public async Task Every_save_is_a_new_version_and_only_the_newest_is_latest()
    {
        var item = await Site.CreateAsync("Article", "Bản nháp 1");
        await EditTitleAsync(item.ContentItemId, "Bản nháp 2");
        await EditTitleAsync(item.ContentItemId, "Bản nháp 3");

        var rows = await Site.RowsAsync(item.ContentItemId);
        Assert.Equal([1, 2, 3], rows.Select(r => r.Number));
        Assert.Equal(3, rows.Select(r => r.ContentItemVersionId).Distinct().Count());
        Assert.Equal("Bản nháp 3", Assert.Single(rows, r => r.Latest).DisplayText);
        Assert.DoesNotContain(rows, r => r.Published);
        Assert.Equal(ContentStatus.Draft, await Site.ContentAsync(c => c.GetStatusAsync(item.ContentItemId)));
        Assert.Null(await Site.GetAsync(item.ContentItemId, VersionOptions.Published));
        Assert.All(rows, r => Assert.Equal("editor", r.Owner));
    }

    [ServiceFact]
    public async Task A_draft_saved_after_publishing_leaves_the_published_version_visible()
    {
        var item = await Site.CreateAsync("Article", "Phòng chống đuối nước", publish: true);
        await EditTitleAsync(item.ContentItemId, "Phòng chống đuối nước mùa hè");

        var published = await Site.GetAsync(item.ContentItemId, VersionOptions.Published);
        var latest = await Site.GetAsync(item.ContentItemId, VersionOptions.Latest);
        Assert.Equal("Phòng chống đuối nước", published!.DisplayText);
        Assert.Equal("Phòng chống đuối nước mùa hè", latest!.DisplayText);
        Assert.True(published.Published && !published.Latest);
        Assert.True(latest.Latest && !latest.Published);
        Assert.Equal(ContentStatus.PublishedWithDraft, await Site.ContentAsync(c => c.GetStatusAsync(item.ContentItemId)));
        // The public page still serves the published version at its address.
        var page = await Site.ContentAsync(c => c.GetPublishedByPathAsync("tin-tuc/phong-chong-duoi-nuoc"));
        Assert.Equal(published.ContentItemVersionId, page!.ContentItemVersionId);
        var list = await Site.ContentAsync(c => c.ListPublishedAsync("Article", 1, 10));
        Assert.Equal("Phòng chống đuối nước", Assert.Single(list.Items).DisplayText);

        var result = await Site.ContentAsync(c => c.PublishAsync(item.ContentItemId, "reviewer"));
        Assert.True(result.Succeeded);
        var rows = await Site.RowsAsync(item.ContentItemId);
        var now = Assert.Single(rows, r => r.Published);
        Assert.True(now.Latest);
        Assert.Equal("Phòng chống đuối nước mùa hè", now.DisplayText);
    }

    [ServiceFact]
    public async Task Publishing_twice_is_a_no_op_and_unknown_items_are_refused()
    {
        var item = await Site.CreateAsync("Page", "Giới thiệu", publish: true);
        Site.Events.Clear();

        var again = await Site.ContentAsync(c => c.PublishAsync(item.ContentItemId, "reviewer"));
        var missing = await Site.ContentAsync(c => c.PublishAsync("nosuchitem0000000000000000", "reviewer"));

        Assert.True(again.Succeeded && again.Unchanged);
        Assert.Empty(Site.Events.All);
        Assert.Single(await Site.RowsAsync(item.ContentItemId));
        Assert.False(missing.Succeeded);
    }

    [ServiceFact]
    public async Task Unpublishing_hides_the_item_but_keeps_every_version()
    {
        var item = await Site.CreateAsync("Article", "Tuyên truyền an toàn giao thông", publish: true);
        Site.Events.Clear();

        Assert.True(await Site.ContentAsync(c => c.UnpublishAsync(item.ContentItemId, "reviewer")));

        Assert.Null(await Site.GetAsync(item.ContentItemId, VersionOptions.Published));
        Assert.Null(await Site.ContentAsync(c => c.GetPublishedByPathAsync(item.Path!)));
        Assert.Equal(ContentStatus.Draft, await Site.ContentAsync(c => c.GetStatusAsync(item.ContentItemId)));
        Assert.NotNull(await Site.GetAsync(item.ContentItemId, VersionOptions.Latest));
        Assert.Single(await Site.RowsAsync(item.ContentItemId));
        Assert.Equal(["Unpublished"], Site.Events.For(item.ContentItemId));
        Assert.False(await Site.ContentAsync(c => c.UnpublishAsync(item.ContentItemId, "reviewer")));
    }

    [ServiceFact]
    public async Task A_removed_item_goes_to_the_bin_and_comes_back_as_a_draft()
    {
        var item = await Site.CreateAsync("Article", "Xâm hại trẻ em trên mạng", publish: true);
        Site.Events.Clear();

        Assert.True(await Site.ContentAsync(c => c.RemoveAsync(item.ContentItemId, "editor")));

        Assert.Null(await Site.GetAsync(item.ContentItemId, VersionOptions.Latest));
        Assert.Null(await Site.ContentAsync(c => c.GetPublishedByPathAsync(item.Path!)));
        Assert.Null(await Site.ContentAsync(c => c.GetStatusAsync(item.ContentItemId)));
        Assert.Equal(["Unpublished", "Removed"], Site.Events.For(item.ContentItemId));
        var bin = await Site.ContentAsync(c => c.ListAsync(new ContentListQuery { Removed = true }));
        Assert.Equal(item.ContentItemId, Assert.Single(bin.Items).ContentItemId);
        var listed = await Site.ContentAsync(c => c.ListAsync(new ContentListQuery()));
        Assert.Empty(listed.Items);
        // Saving over an item in the bin is refused rather than silently resurrecting it.
        var stale = item.CloneAsNewVersion();
        var refused = await Site.SaveAsync(stale);
        Assert.False(refused.Succeeded);

        Assert.True(await Site.ContentAsync(c => c.RestoreRemovedAsync(item.ContentItemId, "editor")));

        var restored = await Site.GetAsync(item.ContentItemId, VersionOptions.Latest);
        Assert.Equal("Xâm hại trẻ em trên mạng", restored!.DisplayText);
        Assert.Null(await Site.GetAsync(item.ContentItemId, VersionOptions.Published)); // back as a draft, for review
        Assert.Equal(item.Path, restored.Path);
        Assert.Single(await Site.RowsAsync(item.ContentItemId));
        Assert.False(await Site.ContentAsync(c => c.RestoreRemovedAsync(item.ContentItemId, "editor")));
    }

    [ServiceFact]
    public async Task Restoring_an_old_version_writes_a_new_draft_and_leaves_history_alone()
    {
        var first = await Site.CreateAsync("Article", "Phiên bản đầu", publish: true);
        await EditTitleAsync(first.ContentItemId, "Phiên bản hai");
        var before = await Site.RowsAsync(first.ContentItemId);

        var result = await Site.ContentAsync(c => c.RestoreVersionAsync(first.ContentItemId, first.ContentItemVersionId, "editor"));

        Assert.True(result.Succeeded);
        var rows = await Site.RowsAsync(first.ContentItemId);
        Assert.Equal([1, 2, 3], rows.Select(r => r.Number));
        var draft = Assert.Single(rows, r => r.Latest);
        Assert.Equal(3, draft.Number);
        Assert.False(draft.Published);
        Assert.Equal("Phiên bản đầu", draft.DisplayText);
        Assert.NotEqual(first.ContentItemVersionId, draft.ContentItemVersionId);
        // Versions 1 and 2 are as they were, and version 1 is still the published one.
        Assert.Equal(before.Select(r => (r.ContentItemVersionId, r.Data, r.DisplayText)), rows.Take(2).Select(r => (r.ContentItemVersionId, r.Data, r.DisplayText)));
        Assert.Equal(first.ContentItemVersionId, Assert.Single(rows, r => r.Published).ContentItemVersionId);

        var unknown = await Site.ContentAsync(c => c.RestoreVersionAsync(first.ContentItemId, "nosuchversion0000000000000", "editor"));
        Assert.False(unknown.Succeeded);
        Assert.Equal(3, (await Site.RowsAsync(first.ContentItemId)).Count);
    }

    [ServiceFact]
    public async Task A_save_based_on_an_outdated_version_is_refused_and_writes_nothing()
    {
        var item = await Site.CreateAsync("Article", "Tập huấn kỹ năng");
        var editorA = (await Site.GetAsync(item.ContentItemId, VersionOptions.Latest))!;
        var editorB = (await Site.GetAsync(item.ContentItemId, VersionOptions.Latest))!;
        editorA.GetOrCreatePart("TitlePart")["Title"] = "Tập huấn kỹ năng sống";
        editorB.GetOrCreatePart("TitlePart")["Title"] = "Tập huấn kỹ năng bơi";

        var a = await Site.SaveAsync(editorA, expectedLatest: item.ContentItemVersionId);
        var b = await Site.SaveAsync(editorB, expectedLatest: item.ContentItemVersionId);

        Assert.True(a.Succeeded);
        Assert.False(b.Succeeded);
        var rows = await Site.RowsAsync(item.ContentItemId);
        Assert.Equal(2, rows.Count);
        Assert.Equal("Tập huấn kỹ năng sống", Assert.Single(rows, r => r.Latest).DisplayText);
    }

    [ServiceFact]
    public async Task Concurrent_saves_of_one_item_never_leave_two_latest_versions()
    {
        var item = await Site.CreateAsync("Page", "Lịch trực");
        const int writers = 8;
        using var start = new ManualResetEventSlim(false);
        var saves = Enumerable.Range(1, writers).Select(n => Task.Run(async () =>
        {
            var copy = item.CloneAsNewVersion();
            copy.GetOrCreatePart("TitlePart")["Title"] = $"Lịch trực {n}";
            start.Wait();
            return await Site.SaveAsync(copy);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(saves);

        var rows = await Site.RowsAsync(item.ContentItemId);
        var latest = Assert.Single(rows, r => r.Latest);
        Assert.Contains(results, r => r.Succeeded);
        Assert.Equal(1 + results.Count(r => r.Succeeded), rows.Count); // a refused save leaves no row behind
        Assert.Equal(rows.Count, rows.Select(r => r.Number).Distinct().Count());
        Assert.Equal(rows.Max(r => r.Number), latest.Number);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains("same time", r.Errors.Single().Format()));
    }

    [ServiceFact]
    public async Task Publish_and_unpublish_raise_events_for_other_modules_after_the_change()
    {
        var item = await Site.CreateAsync("Page", "Sự kiện");
        Assert.Equal(["Saved"], Site.Events.For(item.ContentItemId));
        Site.Events.Clear();

        await Site.ContentAsync(c => c.PublishAsync(item.ContentItemId, "reviewer"));
        await EditTitleAsync(item.ContentItemId, "Sự kiện mới", publish: true);

        Assert.Equal(["Published", "Saved", "Published"], Site.Events.For(item.ContentItemId));
        var lastPublished = Site.Events.All.Last();
        Assert.Equal((await Site.GetAsync(item.ContentItemId, VersionOptions.Published))!.ContentItemVersionId, lastPublished.VersionId);
    }
}
