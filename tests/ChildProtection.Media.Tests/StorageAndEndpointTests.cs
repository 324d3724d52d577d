using System.Net;
using System.Net.Http.Headers;
using ChildProtection.Media.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Media.Tests;

/// <summary>Storing files through IMediaLibrary and reading them back through the public /media addresses.</summary>
public sealed class StorageAndEndpointTests(MediaSite site) : IClassFixture<MediaSite>
{
    [Fact]
    public async Task A_jpeg_poster_is_stored_under_our_name_with_every_derivative()
    {
        var bytes = TestFiles.Jpeg(1600, 1000);
        var result = await site.StoreAsync(bytes, "Áp phích phòng chống đuối nước 2025.JPG", "Áp phích/2025", "Trẻ em học bơi an toàn");
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        var file = result.File!;
        Assert.Equal(MediaKind.Image, file.Kind);
        Assert.Equal("image/jpeg", file.ContentType);
        Assert.Equal((1600, 1000), (file.Width!.Value, file.Height!.Value));
        Assert.Equal("Áp phích phòng chống đuối nước 2025.JPG", file.OriginalName);
        Assert.Equal($"{file.Id}-ap-phich-phong-chong-duoi-nuoc-2025.jpg", file.StoredName);
        Assert.Equal("ap-phich/2025", file.Folder);
        Assert.True(file.DerivativesReady);
        Assert.Equal(bytes.Length, file.Length);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), file.Sha256);

        // The original is kept byte for byte.
        var original = Directory.GetFiles(site.MediaRoot, file.StoredName, SearchOption.AllDirectories).Single();
        Assert.Equal(bytes, await File.ReadAllBytesAsync(original));

        await site.WithLibraryAsync(async library =>
        {
            foreach (var derivative in Enum.GetValues<MediaDerivative>())
            {
                var content = await library.OpenAsync(file.Id, derivative);
                Assert.NotNull(content);
                Assert.True(content.Length > 0);
            }
            var srcset = library.GetSrcSet(file);
            Assert.Equal($"/media/{file.Id}/320/{file.Id}-ap-phich-phong-chong-duoi-nuoc-2025.jpg 320w, /media/{file.Id}/640/{file.Id}-ap-phich-phong-chong-duoi-nuoc-2025.jpg 640w, /media/{file.Id}/1280/{file.Id}-ap-phich-phong-chong-duoi-nuoc-2025.jpg 1280w", srcset);
            Assert.Contains(".webp 320w", library.GetSrcSet(file, webp: true));
            return 0;
        });

        var thumb = await site.Anonymous.GetAsync($"/media/{file.Id}/320/x.webp");
        Assert.Equal(HttpStatusCode.OK, thumb.StatusCode);
        Assert.Equal("image/webp", thumb.Content.Headers.ContentType!.MediaType);
        using var decoded = SixLabors.ImageSharp.Image.Load(await thumb.Content.ReadAsByteArrayAsync());
        Assert.Equal(320, decoded.Width);
        Assert.Equal(200, decoded.Height);
    }

    [Fact]
    public async Task The_public_address_sends_the_clean_full_size_copy_with_cache_headers_ranges_and_the_original_name()
    {
        var upload = TestFiles.Jpeg(900, 600);
        var file = (await site.StoreAsync(upload, "Tờ rơi số 1.jpg", alt: "Tờ rơi")).File!;
        var url = await site.WithLibraryAsync(l => Task.FromResult(l.GetUrl(file)));
        Assert.Equal($"/media/{file.Id}/{file.StoredName}", url);

        var response = await site.Anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using (var image = SixLabors.ImageSharp.Image.Load(bytes)) Assert.Equal((900, 600), (image.Width, image.Height));
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        var etag = response.Headers.ETag!.Tag;
        Assert.NotEqual($"\"{file.Sha256}\"", etag);
        Assert.NotNull(response.Content.Headers.LastModified);
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString());
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl.MaxAge);
        Assert.Equal("bytes", response.Headers.AcceptRanges.Single());
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("inline", disposition.DispositionType);
        Assert.Equal("Tờ rơi số 1.jpg", disposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''T%E1%BB%9D%20r%C6%A1i", string.Join(";", response.Content.Headers.GetValues("Content-Disposition")));

        var download = await site.Anonymous.GetAsync(url + "?download=1");
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);

        var range = new HttpRequestMessage(HttpMethod.Get, url);
        range.Headers.Range = new RangeHeaderValue(100, 199);
        var partial = await site.Anonymous.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(bytes[100..200], await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal(bytes.Length, partial.Content.Headers.ContentRange!.Length);

        var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag));
        Assert.Equal(HttpStatusCode.NotModified, (await site.Anonymous.SendAsync(conditional)).StatusCode);

        var since = new HttpRequestMessage(HttpMethod.Get, url);
        since.Headers.IfModifiedSince = response.Content.Headers.LastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await site.Anonymous.SendAsync(since)).StatusCode);

        // The name in the address is for people: the id decides.
        Assert.Equal(HttpStatusCode.OK, (await site.Anonymous.GetAsync($"/media/{file.Id}/some-other-name.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Anonymous.GetAsync($"/media/0000000000000000000000000z/x.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Anonymous.GetAsync($"/media/..%2F..%2Fchildprotection.db/x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Anonymous.GetAsync($"/media/{file.Id}/777/x.jpg")).StatusCode);
    }

    [Fact]
    public async Task A_restricted_file_answers_404_publicly_but_opens_for_its_module()
    {
        var file = (await site.StoreAsync(TestFiles.Pdf(2), "Sổ tay cộng tác viên.pdf")).File!;
        var url = $"/media/{file.Id}/{file.StoredName}";
        Assert.Equal(HttpStatusCode.OK, (await site.Anonymous.GetAsync(url)).StatusCode);

        await site.WithLibraryAsync(async l => { await l.SetRestrictedAsync(file.Id, true); await l.SetRestrictedAsync(file.Id, true); return 0; });
        var hidden = await site.Anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Admin.Http.GetAsync(url)).StatusCode);
        Assert.True((await site.WithLibraryAsync(l => l.GetAsync(file.Id)))!.Restricted);
        Assert.NotNull(await site.WithLibraryAsync(l => l.OpenAsync(file.Id)));

        await site.WithLibraryAsync(async l => { await l.SetRestrictedAsync(file.Id, false); return 0; });
        Assert.Equal(HttpStatusCode.OK, (await site.Anonymous.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Pdf_and_office_files_are_stored_with_their_kind_and_the_pdf_page_count()
    {
        var pdf = await site.StoreAsync(TestFiles.Pdf(7), "Cẩm nang A4.pdf");
        Assert.True(pdf.Succeeded, string.Join(" ", pdf.Errors));
        Assert.Equal(MediaKind.Pdf, pdf.File!.Kind);
        Assert.Equal(7, pdf.File.PageCount);
        Assert.False(pdf.File.IsImage);
        Assert.Equal("", await site.WithLibraryAsync(l => Task.FromResult(l.GetSrcSet(pdf.File))));
        Assert.Null(await site.WithLibraryAsync(l => l.OpenAsync(pdf.File.Id, MediaDerivative.Thumbnail)));

        foreach (var (kind, name, expected) in new[] { ("word", "Kế hoạch.docx", MediaKind.WordDocument), ("ppt", "Bài giảng.pptx", MediaKind.Presentation), ("xl", "Danh sách.xlsx", MediaKind.Spreadsheet) })
        {
            var stored = await site.StoreAsync(TestFiles.Office(kind), name);
            Assert.True(stored.Succeeded, string.Join(" ", stored.Errors));
            Assert.Equal(expected, stored.File!.Kind);
            var response = await site.Anonymous.GetAsync($"/media/{stored.File.Id}/{stored.File.StoredName}");
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        }
    }

    [Fact]
    public async Task Png_gif_and_webp_images_get_derivatives_in_their_own_formats()
    {
        var png = (await site.StoreAsync(TestFiles.Png(2000, 500), "bang-ron.png")).File!;
        var gif = (await site.StoreAsync(TestFiles.Gif(100, 80, frames: 5), "hoat-hinh.gif")).File!;
        var webp = (await site.StoreAsync(TestFiles.Webp(), "anh.webp")).File!;
        Assert.All(new[] { png, gif, webp }, f => Assert.True(f.DerivativesReady));
        var pngThumb = await site.Anonymous.GetAsync(await site.WithLibraryAsync(l => Task.FromResult(l.GetUrl(png, MediaDerivative.Thumbnail))));
        Assert.Equal("image/png", pngThumb.Content.Headers.ContentType!.MediaType);
        // Never enlarged: a 100 px GIF's "320" derivative is 100 px wide, and srcset says so.
        Assert.Equal($"/media/{gif.Id}/320/{Path.GetFileNameWithoutExtension(gif.StoredName)}.png 100w", await site.WithLibraryAsync(l => Task.FromResult(l.GetSrcSet(gif))));
    }

    [Fact]
    public async Task GetMany_returns_the_files_that_exist()
    {
        var a = (await site.StoreAsync(TestFiles.Jpeg(200, 200), "a.jpg")).File!;
        var b = (await site.StoreAsync(TestFiles.Pdf(1), "b.pdf")).File!;
        var found = await site.WithLibraryAsync(l => l.GetManyAsync([a.Id, b.Id, "0000000000000000000000000z", "../etc", a.Id]));
        Assert.Equal(2, found.Count);
        Assert.Equal("b.pdf", found[b.Id].OriginalName);
        Assert.Null(await site.WithLibraryAsync(l => l.GetAsync("nope")));
    }

    [Fact]
    public async Task Folders_are_recorded_with_their_parents()
    {
        await site.StoreAsync(TestFiles.Jpeg(100, 100), "x.jpg", "Chiến dịch/Tháng hành động/2025");
        var folders = await site.WithDbAsync(db => db.Folders.Select(f => f.Path).ToListAsync());
        Assert.Contains("chien-dich", folders);
        Assert.Contains("chien-dich/thang-hanh-dong", folders);
        Assert.Contains("chien-dich/thang-hanh-dong/2025", folders);
    }
}
