using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChildProtection.Media.Data;
using ChildProtection.Media.Imaging;
using ChildProtection.Web.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;

namespace ChildProtection.Media.Tests;

/// <summary>
/// Nothing the public can reach carries an upload's metadata (issue 13): every public address of an image
/// (the original's included) sends re-encoded bytes; the upload itself only to staff. Also the polyglot,
/// the start-up backfill of older images, sizes after EXIF rotation, and whole display names.
/// </summary>
public sealed class PublicCopyTests(MediaSite site) : IClassFixture<MediaSite>
{
    private async Task<JsonElement> UploadAsync(byte[] bytes, string name)
    {
        var html = await site.Admin.GetStringAsync("/admin/media");
        var form = new MultipartFormDataContent
        {
            { new StringContent(SiteClient.TokenIn(html)!), "__RequestVerificationToken" },
            { new StringContent(""), "folder" },
            { new StringContent("Trẻ em vui chơi"), "altText" },
        };
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "files", name);
        var request = new HttpRequestMessage(HttpMethod.Post, "/admin/media?handler=Upload") { Content = form };
        request.Headers.Accept.ParseAdd("application/json");
        var response = await site.Admin.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("stored")[0].Clone();
    }

    /// <summary>Every address the public can ask for an image by: the original's (inline and as a download, under any name) and each derivative.</summary>
    private static IEnumerable<string> PublicAddresses(MediaFile file)
    {
        var original = $"/media/{file.Id}/{file.StoredName}";
        yield return original;
        yield return original + "?download=1";
        yield return $"/media/{file.Id}/any-other-name.jpg";
        foreach (var derivative in Enum.GetValues<MediaDerivative>().Where(d => d != MediaDerivative.Original))
            yield return MediaLibrary.UrlOf(file.Id, file.StoredName, file.Kind, file.ContentType, derivative);
    }

    private static readonly string[] Leaks = [TrustFiles.Make, TrustFiles.Model, TrustFiles.Taken, TrustFiles.XmpMarker, TrustFiles.IptcCity, TrustFiles.PngText, "Exif\0\0"];

    private static void AssertNoMetadata(byte[] bytes, string address)
    {
        var info = Image.Identify(bytes);
        Assert.NotNull(info);
        var exif = info.Metadata.ExifProfile;
        if (exif is not null)
        {
            foreach (var tag in new ExifTag[] { ExifTag.Make, ExifTag.Model, ExifTag.DateTime, ExifTag.DateTimeOriginal })
                Assert.True(exif.GetValue((ExifTag<string>)tag) is null, $"{address} carries {tag}");
            Assert.True(exif.GetValue(ExifTag.GPSLatitude) is null && exif.GetValue(ExifTag.GPSLongitude) is null, $"{address} carries a GPS position");
        }
        Assert.True(info.Metadata.XmpProfile is null, $"{address} carries XMP");
        Assert.True(info.Metadata.IptcProfile is null, $"{address} carries IPTC");
        var latin = Encoding.Latin1.GetString(bytes);
        foreach (var leak in Leaks) Assert.False(latin.Contains(leak, StringComparison.Ordinal), $"{address} carries \"{leak}\"");
    }

    [Theory]
    [InlineData("jpeg")]
    [InlineData("png")]
    public async Task A_gps_tagged_upload_reaches_the_public_without_gps_camera_or_time_at_every_address(string format)
    {
        var bytes = format == "jpeg" ? TrustFiles.GpsJpeg() : TrustFiles.GpsPng();
        var name = format == "jpeg" ? "Ngày hội thiếu nhi.jpg" : "Ngày hội thiếu nhi.png";
        // The test's own input carries everything it looks for (else it could not fail).
        var latin = Encoding.Latin1.GetString(bytes);
        Assert.Contains(TrustFiles.Make, latin);
        Assert.Contains(TrustFiles.XmpMarker, latin);

        var stored = await UploadAsync(bytes, name);
        var file = (await site.WithLibraryAsync(l => l.GetAsync(stored.GetProperty("id").GetString()!)))!;
        var checkedAddresses = 0;
        foreach (var address in PublicAddresses(file))
        {
            var response = await site.Anonymous.GetAsync(address);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{address}: {(int)response.StatusCode}");
            var served = await response.Content.ReadAsByteArrayAsync();
            Assert.NotEqual(bytes, served);
            AssertNoMetadata(served, address);
            checkedAddresses++;
        }
        Assert.Equal(9, checkedAddresses);

        // What the picker hands to the body editor and what display data (og:image, JSON-LD, templates) read is one of those.
        Assert.Equal($"/media/{file.Id}/{file.StoredName}", stored.GetProperty("url").GetString());
        var display = Content.MediaDisplay.For(file);
        foreach (var key in new[] { "Url", "ThumbnailUrl", "CardUrl", "PageWidthUrl" })
            Assert.Contains(display[key]!.GetValue<string>(), PublicAddresses(file));

        // Staff with ManageMedia still have the upload, untouched; anyone else does not.
        var original = await site.Admin.Http.GetAsync($"/admin/media/{file.Id}?handler=Original");
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal(bytes, await original.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", original.Content.Headers.ContentDisposition!.DispositionType);
        Assert.True(original.Headers.CacheControl!.NoStore);
        var anonymous = await site.Anonymous.GetAsync($"/admin/media/{file.Id}?handler=Original");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.NotEqual(bytes, await anonymous.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_polyglot_jpeg_never_reaches_the_public_with_its_html()
    {
        var bytes = TrustFiles.Polyglot();
        var file = (await site.StoreAsync(bytes, "poster.jpg", alt: "Áp phích")).File!;
        foreach (var address in PublicAddresses(file))
        {
            var response = await site.Anonymous.GetAsync(address);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var served = Encoding.Latin1.GetString(await response.Content.ReadAsByteArrayAsync());
            Assert.DoesNotContain("<script", served, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<html", served, StringComparison.OrdinalIgnoreCase);
            Assert.StartsWith("image/", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }

    [Fact]
    public async Task An_image_stored_before_clean_copies_gets_one_from_the_start_up_job_and_never_sends_its_upload_meanwhile()
    {
        // The site's own start-up run has finished (it runs once), so what follows is this test's alone.
        var startup = site.Factory.HostedService<MediaStartup>();
        if (startup.ExecuteTask is { } running) await running.WaitAsync(TimeSpan.FromMinutes(2));
        var bytes = TrustFiles.GpsJpeg(64, 48, orientation: 6);
        var file = (await site.StoreAsync(bytes, "anh-cu.jpg", alt: "Ảnh cũ")).File!;
        // As an image stored by the previous version: no full-size copy, and the size read from the header.
        File.Delete(Path.Combine(site.MediaRoot, file.Id[..2], file.Id, "full.jpg"));
        await site.WithDbAsync(db => db.Media.Where(m => m.Id == file.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.CleanCopyReady, false).SetProperty(m => m.Width, 64).SetProperty(m => m.Height, 48)));

        var url = $"/media/{file.Id}/{file.StoredName}";
        var waiting = await site.Anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, waiting.StatusCode);
        Assert.NotNull(waiting.Headers.RetryAfter);
        Assert.True(waiting.Headers.CacheControl!.NoStore);
        Assert.DoesNotContain(TrustFiles.Make, Encoding.Latin1.GetString(await waiting.Content.ReadAsByteArrayAsync()));

        // The job as the start-up runs it (the site's own start-up run may already have taken this image: either way it is done once).
        await site.WithServicesAsync(sp => sp.GetRequiredService<CleanCopyBackfill>().RunAsync(CancellationToken.None));
        var response = await site.Anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var served = await response.Content.ReadAsByteArrayAsync();
        AssertNoMetadata(served, url);
        using (var image = Image.Load(served)) Assert.Equal((48, 64), (image.Width, image.Height));
        var record = (await site.WithDbAsync(db => db.Media.AsNoTracking().FirstAsync(m => m.Id == file.Id)));
        Assert.True(record.CleanCopyReady);
        Assert.Equal((48, 64), (record.Width, record.Height));

        // Idempotent: a second start has nothing left to do.
        Assert.Equal(0, await site.WithServicesAsync(sp => sp.GetRequiredService<CleanCopyBackfill>().RunAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task A_rotated_photo_has_the_served_size_in_width_height_and_srcset()
    {
        // A 64×48 header with EXIF orientation 6 (turned a quarter): shown, and served, 48×64.
        var bytes = TrustFiles.GpsJpeg(64, 48, orientation: 6);
        // Read from the header alone (what a recipe plans and a large upload keeps until its job runs): already upright.
        var path = Path.GetTempFileName();
        await File.WriteAllBytesAsync(path, bytes);
        var (inspection, _) = await site.WithServicesAsync(sp => sp.GetRequiredService<Checking.FileInspector>().InspectAsync(path, "xoay.jpg", CancellationToken.None));
        File.Delete(path);
        Assert.Equal((48, 64), (inspection!.Width, inspection.Height));

        var file = (await site.StoreAsync(bytes, "xoay.jpg", alt: "Ảnh xoay")).File!;
        Assert.Equal((48, 64), (file.Width, file.Height));
        var srcset = await site.WithLibraryAsync(l => Task.FromResult(l.GetSrcSet(file)));
        Assert.Equal($"/media/{file.Id}/320/{Path.GetFileNameWithoutExtension(file.StoredName)}.jpg 48w", srcset);
        var display = Content.MediaDisplay.For(file);
        Assert.Equal(48, display["Width"]!.GetValue<int>());
        Assert.Equal(64, display["Height"]!.GetValue<int>());
        foreach (var address in PublicAddresses(file))
        {
            using var image = Image.Load(await site.Anonymous.GetByteArrayAsync(address));
            Assert.Equal((48, 64), (image.Width, image.Height));
        }
    }

    [Fact]
    public async Task A_display_name_keeps_its_slash_as_a_dash_and_its_emoji_and_never_reaches_the_file_system()
    {
        var stored = await UploadAsync(TestFiles.Png(40, 30), "ĐẶC BIỆT - Thông báo số 12/2024.PNG");
        Assert.Equal("ĐẶC BIỆT - Thông báo số 12-2024.PNG", stored.GetProperty("name").GetString());
        var emoji = await UploadAsync(TestFiles.Png(40, 30), "Ngày hội 🎉 thiếu nhi 👨‍👩‍👧 ⭐.png");
        Assert.Equal("Ngày hội 🎉 thiếu nhi 👨‍👩‍👧 ⭐.png", emoji.GetProperty("name").GetString());
        var back = await UploadAsync(TestFiles.Png(40, 30), "hồ sơ\\2025\\ảnh.png");
        Assert.Equal("hồ sơ-2025-ảnh.png", back.GetProperty("name").GetString());

        foreach (var id in new[] { stored, emoji, back }.Select(s => s.GetProperty("id").GetString()!))
        {
            var record = await site.WithDbAsync(db => db.Media.AsNoTracking().FirstAsync(m => m.Id == id));
            // Our stored name: the id and an ASCII slug, in the file's own folder.
            Assert.Matches($"^{id}(-[a-z0-9-]+)?\\.png$", record.StoredName);
            Assert.True(File.Exists(Path.Combine(site.MediaRoot, id[..2], id, record.StoredName)));
        }
        var files = Directory.EnumerateFiles(site.MediaRoot, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        Assert.DoesNotContain(files, f => f!.Contains("2024", StringComparison.Ordinal) && !f.Contains("-12-2024", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f!.Any(c => c > 127));

        // The download keeps the whole name.
        var file = (await site.WithLibraryAsync(l => l.GetAsync(stored.GetProperty("id").GetString()!)))!;
        var download = await site.Anonymous.GetAsync($"/media/{file.Id}/{file.StoredName}?download=1");
        Assert.Equal("ĐẶC BIỆT - Thông báo số 12-2024.png", download.Content.Headers.ContentDisposition!.FileNameStar);
    }
}
