using ChildProtection.Core.Caching;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Data;
using ChildProtection.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Core.Tests.Engine;

public sealed class SqlitePublishingTests : PublishingTests<Sqlite>;

[RequiresPostgres]
public sealed class PostgresPublishingTests : PublishingTests<Postgres>;

/// <summary>A reader never sees a half-published item: no moment with zero or two published versions.</summary>
public abstract class PublishingTests<TDatabase> : SiteTests<TDatabase> where TDatabase : IDatabaseKind
{
    [ServiceFact]
    public async Task A_reader_racing_a_series_of_publications_always_finds_exactly_one_published_version()
    {
        var item = await Site.CreateAsync("Page", "Tháng hành động 0", publish: true);
        const int publications = 15;
        var done = false;

        var writer = Task.Run(async () =>
        {
            try
            {
                for (var n = 1; n <= publications; n++)
                {
                    var next = (await Site.GetAsync(item.ContentItemId, VersionOptions.Latest))!;
                    next.GetOrCreatePart("TitlePart")["Title"] = $"Tháng hành động {n}";
                    await Site.SaveOkAsync(next, publish: true);
                }
            }
            finally { Volatile.Write(ref done, true); }
        });
        var reader = Task.Run(async () =>
        {
            var seen = new List<(int Count, string? Title)>();
            // Bounded by count as well as by the writer, so a stuck writer cannot hang the test.
            for (var i = 0; i < 5000 && (!Volatile.Read(ref done) || seen.Count == 0); i++)
            {
                seen.Add(await Site.RunAsync(async sp =>
                {
                    var db = sp.GetRequiredService<CoreDbContext>();
                    var count = await db.ContentItems.CountAsync(r => r.ContentItemId == item.ContentItemId && r.Published);
                    var published = await sp.GetRequiredService<IContentManager>().GetPublishedByPathAsync(item.Path!);
                    return (count, published?.DisplayText);
                }));
            }
            return seen;
        });
        await writer;
        var observations = await reader;

        Assert.NotEmpty(observations);
        Assert.All(observations, o => Assert.Equal(1, o.Count));
        Assert.All(observations, o => Assert.StartsWith("Tháng hành động", o.Title));
        var rows = await Site.RowsAsync(item.ContentItemId);
        Assert.Equal(publications + 1, rows.Count);
        Assert.Equal($"Tháng hành động {publications}", Assert.Single(rows, r => r.Published).DisplayText);
    }

    [ServiceFact]
    public async Task The_database_itself_refuses_a_second_published_or_latest_version()
    {
        var item = await Site.CreateAsync("Page", "Đường dây nóng 111", publish: true);

        foreach (var (latest, published) in new[] { (true, false), (false, true) })
        {
            var error = await Record.ExceptionAsync(() => Site.RunAsync(async sp =>
            {
                var db = sp.GetRequiredService<CoreDbContext>();
                db.ContentItems.Add(new ContentItemRecord
                {
                    ContentItemId = item.ContentItemId,
                    ContentItemVersionId = IdGenerator.NewId(),
                    ContentType = "Page",
                    Number = 99,
                    Latest = latest,
                    Published = published,
                    CreatedUtc = DateTime.UtcNow,
                    ModifiedUtc = DateTime.UtcNow,
                });
                return await db.SaveChangesAsync();
            }));
            Assert.IsType<DbUpdateException>(error);
        }
        Assert.Single(await Site.RowsAsync(item.ContentItemId));
    }

    [ServiceFact]
    public async Task A_published_read_shows_a_new_version_or_an_unpublication_the_moment_it_commits()
    {
        var item = await Site.CreateAsync("Page", "Tập huấn 1", publish: true);
        async Task<(string? ByPath, string? ById)> PublishedAsync() => (
            (await Site.ContentAsync(c => c.GetPublishedByPathAsync(item.Path!)))?.DisplayText,
            (await Site.GetAsync(item.ContentItemId, VersionOptions.Published))?.DisplayText);

        // Read twice: the second read is the kept one.
        Assert.Equal(("Tập huấn 1", "Tập huấn 1"), await PublishedAsync());
        Assert.Equal(("Tập huấn 1", "Tập huấn 1"), await PublishedAsync());

        var next = (await Site.GetAsync(item.ContentItemId, VersionOptions.Latest))!;
        next.GetOrCreatePart("TitlePart")["Title"] = "Tập huấn 2";
        await Site.SaveOkAsync(next, publish: true);
        Assert.Equal(("Tập huấn 2", "Tập huấn 2"), await PublishedAsync());

        // A draft changes nothing the public reads.
        var draft = (await Site.GetAsync(item.ContentItemId, VersionOptions.Latest))!;
        draft.GetOrCreatePart("TitlePart")["Title"] = "Tập huấn 3";
        await Site.SaveOkAsync(draft, publish: false);
        Assert.Equal(("Tập huấn 2", "Tập huấn 2"), await PublishedAsync());

        Assert.True(await Site.ContentAsync(c => c.UnpublishAsync(item.ContentItemId, "admin")));
        Assert.Equal(((string?)null, (string?)null), await PublishedAsync());
    }

    [ServiceFact]
    public async Task Values_read_while_modules_handle_a_publication_are_evicted_after_them()
    {
        var cache = Site.Services.GetRequiredService<ITaggedCache>();
        Task<string?> Probe(string made) =>
            cache.GetOrCreateAsync<string>("probe", [PageCacheTags.Type("Page")], TimeSpan.FromMinutes(5), () => Task.FromResult<string?>(made));
        // A module's handler (the recorder, registered after the engine) reads and keeps a value while the
        // publication is being handled: its own index may not be up to date yet, so that value must go too.
        Site.Events.OnPublished = _ => Probe("read during the publication");
        try
        {
            await Site.CreateAsync("Page", "Hội thi vẽ tranh", publish: true);
        }
        finally
        {
            Site.Events.OnPublished = null;
        }
        Assert.Equal("read after it", await Probe("read after it"));
    }
}
