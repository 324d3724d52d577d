using ChildProtection.Core.Contents;
using ChildProtection.Core.Data;
using ChildProtection.Search.Indexing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Search.Tests;

/// <summary>The content change log on the embedded default (SQLite, one node): written with each change, trimmed behind the readers.</summary>
public sealed class ChangeLogTests(SearchSite site) : IClassFixture<SearchSite>
{
    [Fact]
    public async Task Each_change_of_a_published_version_is_logged_applied_and_trimmed_once_every_live_reader_is_past_it()
    {
        var item = await site.ArticleAsync("Lớp học sơ cứu đuối nước");
        await site.ChangeTitleAsync(item.ContentItemId, "Lớp học sơ cứu đuối nước mùa hè");
        await site.UnpublishAsync(item.ContentItemId);
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
        var logged = await db.ContentChanges.AsNoTracking().Where(c => c.ContentItemId == item.ContentItemId).OrderBy(c => c.Position).Select(c => c.Kind).ToListAsync();
        Assert.Equal([ContentChangeKind.Published, ContentChangeKind.Published, ContentChangeKind.Unpublished], logged);

        // This node applied it all at once (its own writes) and committed the position with the documents.
        var index = site.Services.GetRequiredService<SearchIndex>();
        var log = scope.ServiceProvider.GetRequiredService<IContentChangeLog>();
        var latest = await log.LatestAsync();
        Assert.Equal(latest, index.Applied);

        // A second reader behind (it has applied only the first of the three), still alive, holds the rows after its position.
        var behind = latest - 2;
        Assert.True(await log.ReportAsync(index.ReaderId, index.Applied)); // what the node's loop reports within a second
        Assert.True(await log.ReportAsync("search:behind", behind));
        await site.Services.GetRequiredService<SearchFeedService>().TrimAsync(CancellationToken.None);
        Assert.Equal([behind, behind + 1, latest], await db.ContentChanges.AsNoTracking().Select(c => c.Position).OrderBy(p => p).ToListAsync());

        // Once it falls silent for longer than the limit it no longer does: the log keeps only its newest row,
        // which every live reader has applied, and the silent one must rebuild when it returns.
        await db.ContentChangeReaders.Where(r => r.Reader == "search:behind")
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.HeartbeatUtc, DateTime.UtcNow.AddDays(-1)));
        await site.Services.GetRequiredService<SearchFeedService>().TrimAsync(CancellationToken.None);
        Assert.Equal([latest], await db.ContentChanges.AsNoTracking().Select(c => c.Position).ToListAsync());
        Assert.False(await db.ContentChangeReaders.AnyAsync(r => r.Reader == "search:behind"));
        Assert.False(await log.ReportAsync("search:behind", behind));
        Assert.True(await log.ReportAsync(index.ReaderId, index.Applied));
    }
}
