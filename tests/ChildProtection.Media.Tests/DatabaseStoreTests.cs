using System.Net;
using System.Net.Http.Headers;
using ChildProtection.Core.Files;
using ChildProtection.Media.Data;
using ChildProtection.Testing;
using ChildProtection.Web.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChildProtection.Media.Tests;

/// <summary>
/// Media on the database file store (<c>Media:Store=Database</c>): uploads commit with their record or not at
/// all, every node serves every file (ranges, ETags, derivatives), and a damaged file answers 404.
/// </summary>
public sealed class DatabaseStoreTests
{
    [Fact]
    public async Task A_failed_commit_leaves_neither_the_record_nor_any_file()
    {
        using var factory = new SiteFactory();
        factory.Settings["Media:Store"] = "Database";
        using var admin = await factory.SetUpAsync();
        await using var scope = factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IFileStore>();
        Assert.Equal(FileStoreKind.Database, store.Kind);

        // A record already holds the id (a recipe re-run by hand, a bug): the insert fails at the commit,
        // after the original and every public copy were written on the same transaction.
        const string id = "0123456789abcdefghjkmnpqrs";
        var db = scope.ServiceProvider.GetRequiredService<MediaDbContext>();
        db.Media.Add(new MediaRecord
        {
            Id = id, Folder = "", OriginalName = "x.jpg", StoredName = "x.jpg", ContentType = "image/jpeg", Extension = ".jpg",
            Kind = MediaKind.Image, Sha256 = new string('0', 64), SearchKey = "x", CreatedUtc = DateTime.UtcNow, ModifiedUtc = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var records = await db.Media.CountAsync();
        var files = scope.ServiceProvider.GetRequiredService<FilesDbContext>();
        var storedFiles = await files.Files.CountAsync();

        var library = scope.ServiceProvider.GetRequiredService<MediaLibrary>();
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => library.StoreRecordAsync(
            new MediaUpload { Content = new MemoryStream(TestFiles.Jpeg(900, 600)), OriginalName = "Áp phích.jpg" }, CancellationToken.None, id));
        Assert.Empty(await store.ListAsync(MediaStorage.FolderFor(id)));
        Assert.Equal(records, await db.Media.CountAsync());
        Assert.Equal(storedFiles, await files.Files.CountAsync());
        // Nor a chunk left behind by the rolled-back writes.
        Assert.Equal(0, await files.Chunks.CountAsync(c => !files.Files.Any(f => f.Version == c.Version)));
        // Nothing under App:DataPath/media but this node's scratch folder.
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(factory.DataPath, "media"), "*", SearchOption.AllDirectories));
    }

    [ScaleOutFact]
    public async Task An_upload_on_one_node_is_served_by_the_other_with_ranges_etags_and_derivatives()
    {
        await using var database = await PostgresDatabase.CreateAsync("cp_files");
        var prefix = $"cp-test-{Guid.NewGuid():N}:";
        SiteFactory Node(int cacheMegabytes)
        {
            // No Media:Store: scale-out mode chooses the database store by itself.
            var node = new SiteFactory { PostgresConnectionString = database.ConnectionString };
            node.UseSharedRedis(prefix);
            node.Settings["Media:LocalCacheMegabytes"] = cacheMegabytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return node;
        }
        using var nodeA = Node(256);
        using var admin = await nodeA.SetUpAsync();
        using var nodeB = Node(0);
        using var visitorB = nodeB.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var pdf = TestFiles.Pdf(40);
        MediaFile poster, document;
        await using (var scope = nodeA.Services.CreateAsyncScope())
        {
            var library = scope.ServiceProvider.GetRequiredService<IMediaLibrary>();
            poster = (await library.StoreAsync(new MediaUpload { Content = new MemoryStream(TestFiles.Jpeg(1600, 1000)), OriginalName = "Áp phích.jpg" })).File!;
            document = (await library.StoreAsync(new MediaUpload { Content = new MemoryStream(pdf), OriginalName = "Công văn số 12.pdf" })).File!;
        }
        // Nothing on node A's disk: the files are in the database.
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(nodeA.DataPath, "media"), "*", SearchOption.AllDirectories));

        var url = $"/media/{document.Id}/{document.StoredName}";
        var whole = await visitorB.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal(pdf, await whole.Content.ReadAsByteArrayAsync());
        Assert.Equal($"\"{document.Sha256}\"", whole.Headers.ETag!.Tag);
        Assert.Equal("attachment", whole.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("sandbox", whole.Headers.GetValues("Content-Security-Policy").Single());

        using (var range = new HttpRequestMessage(HttpMethod.Get, url))
        {
            range.Headers.Range = new RangeHeaderValue(pdf.Length - 700, pdf.Length - 1);
            var partial = await visitorB.SendAsync(range);
            Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
            Assert.Equal(pdf[^700..], await partial.Content.ReadAsByteArrayAsync());
        }
        using (var conditional = new HttpRequestMessage(HttpMethod.Get, url))
        {
            conditional.Headers.IfNoneMatch.Add(whole.Headers.ETag);
            Assert.Equal(HttpStatusCode.NotModified, (await visitorB.SendAsync(conditional)).StatusCode);
        }

        var stem = Path.GetFileNameWithoutExtension(poster.StoredName);
        var full = await visitorB.GetAsync($"/media/{poster.Id}/{poster.StoredName}");
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal("image/jpeg", full.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", full.Content.Headers.ContentDisposition!.DispositionType);
        var card = await visitorB.GetAsync($"/media/{poster.Id}/640/{stem}.webp");
        Assert.Equal(HttpStatusCode.OK, card.StatusCode);
        Assert.Equal("image/webp", card.Content.Headers.ContentType!.MediaType);
        Assert.True((await card.Content.ReadAsByteArrayAsync()).Length > 100);

        // A file whose chunks are gone (a damaged restore) is missing, never a 500 or half a response.
        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var delete = new NpgsqlCommand(
                "DELETE FROM \"StoredFileChunks\" WHERE \"Version\" = (SELECT \"Version\" FROM \"StoredFiles\" WHERE \"Path\" = @p)", connection);
            delete.Parameters.AddWithValue("p", $"media/{poster.Id[..2]}/{poster.Id}/320.jpg");
            Assert.True(await delete.ExecuteNonQueryAsync() > 0);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await visitorB.GetAsync($"/media/{poster.Id}/320/{stem}.jpg")).StatusCode);
        NpgsqlConnection.ClearAllPools();
    }
}
