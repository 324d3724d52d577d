using System.Data.Common;
using ChildProtection.Media.Admin;
using ChildProtection.Media.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Media.Tests;

/// <summary>20,000 files: every list and search answers, pages are read off an index (SQLite's query plan says so), no timing asserted.</summary>
public sealed class LargeLibraryTests(LargeLibraryTests.Seeded site) : IClassFixture<LargeLibraryTests.Seeded>
{
    public const int Count = 20_000;

    public sealed class Seeded : MediaSite
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await WithDbAsync(async db =>
            {
                var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
                for (var batch = 0; batch < Count / 2000; batch++)
                {
                    for (var i = batch * 2000; i < (batch + 1) * 2000; i++)
                    {
                        var id = Core.Contents.IdGenerator.FromSeed($"large:{i}");
                        var folder = $"kho/thu-muc-{i % 20:00}";
                        var record = new MediaRecord
                        {
                            Id = id, Folder = folder, OriginalName = $"Tệp số {i:00000}.jpg", StoredName = $"{id}-tep-so-{i:00000}.jpg",
                            ContentType = "image/jpeg", Extension = ".jpg", Kind = MediaKind.Image, Length = 1000 + i, Width = 800, Height = 600,
                            AltText = i % 7 == 0 ? $"Ảnh hoạt động phường {i % 13}" : null, Sha256 = id.PadRight(64, '0'), DerivativesReady = true,
                            DerivativeExtension = ".jpg", CreatedUtc = start.AddMinutes(i), ModifiedUtc = start.AddMinutes(i),
                        };
                        record.SearchKey = MediaLibrary.SearchKeyOf(record);
                        db.Media.Add(record);
                    }
                    await db.SaveChangesAsync();
                    db.ChangeTracker.Clear();
                }
                for (var f = 0; f < 20; f++) db.Folders.Add(new MediaFolderRecord { Path = $"kho/thu-muc-{f:00}", Parent = "kho", CreatedUtc = start });
                db.Folders.Add(new MediaFolderRecord { Path = "kho", Parent = "", CreatedUtc = start });
                await db.SaveChangesAsync();
                return 0;
            });
        }
    }

    private Task<Core.Contents.PagedResult<MediaRecord>> ListAsync(MediaListQuery query) =>
        site.WithServicesAsync(sp => sp.GetRequiredService<MediaAdmin>().ListAsync(query));

    [Fact]
    public async Task Every_list_and_search_answers_over_20000_files()
    {
        var all = await ListAsync(new MediaListQuery { Folder = null, Page = 1, PageSize = 40 });
        Assert.True(all.TotalCount >= Count);
        var kho = await ListAsync(new MediaListQuery { Folder = "kho", IncludeSubfolders = true, Page = 1, PageSize = 40 });
        Assert.Equal(Count, kho.TotalCount);
        Assert.Equal("Tệp số 19999.jpg", kho.Items[0].OriginalName);

        var folder = await ListAsync(new MediaListQuery { Folder = "kho/thu-muc-07", Page = 25, PageSize = 40 });
        Assert.Equal(Count / 20, folder.TotalCount);
        Assert.Equal(40, folder.Items.Count);
        Assert.All(folder.Items, r => Assert.Equal("kho/thu-muc-07", r.Folder));
        Assert.True(folder.Items.Zip(folder.Items.Skip(1)).All(p => p.First.CreatedUtc > p.Second.CreatedUtc));

        var last = await ListAsync(new MediaListQuery { Folder = "kho/thu-muc-07", Page = 10_000, PageSize = 40 });
        Assert.Equal(folder.PageCount, last.Page);

        var byName = await ListAsync(new MediaListQuery { Search = "tep so 12345" });
        Assert.Equal("Tệp số 12345.jpg", Assert.Single(byName.Items).OriginalName);
        var byAlt = await ListAsync(new MediaListQuery { Search = "hoạt động phường 5", PageSize = 100 });
        Assert.True(byAlt.TotalCount > 0);
        Assert.All(byAlt.Items, r => Assert.Contains("phường 5", r.AltText));
        var subfolders = await ListAsync(new MediaListQuery { Folder = "kho", IncludeSubfolders = true, Search = "19998" });
        Assert.Single(subfolders.Items);

        var page = await site.Admin.GetStringAsync("/admin/media?all=true&page=300");
        Assert.Contains("Trang 300/", page);
        var search = await site.Admin.GetStringAsync("/admin/media?q=t%E1%BB%87p+s%E1%BB%91+00042");
        Assert.Contains("Tệp số 00042.jpg", search);
    }

    [Fact]
    public async Task Folder_and_library_pages_are_read_off_an_index_on_sqlite()
    {
        var plans = await site.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            return new[]
            {
                await PlanAsync(connection, "SELECT * FROM MediaFiles WHERE Folder = 'kho/thu-muc-07' ORDER BY CreatedUtc DESC, Id DESC LIMIT 40 OFFSET 400"),
                await PlanAsync(connection, "SELECT * FROM MediaFiles ORDER BY CreatedUtc DESC, Id DESC LIMIT 40 OFFSET 400"),
            };
        });
        Assert.Contains("IX_MediaFiles_Folder_CreatedUtc_Id", plans[0]);
        Assert.Contains("IX_MediaFiles_CreatedUtc_Id", plans[1]);
        Assert.All(plans, p => Assert.DoesNotContain("TEMP B-TREE", p));
    }

    private static async Task<string> PlanAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(3));
        return string.Join(" | ", lines);
    }
}
