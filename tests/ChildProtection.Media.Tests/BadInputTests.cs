using System.Net;
using ChildProtection.Media.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Media.Tests;

/// <summary>
/// Issue 4, "Bad input": each hostile or broken file is refused with a message that says why, or stored
/// safely; nothing half-stored remains (every record has its files, every file folder its record, the
/// temporary folder is empty); the process stays up.
/// </summary>
public sealed class BadInputTests(MediaSite site) : IClassFixture<MediaSite>
{
    private async Task<string> RefusedAsync(byte[] bytes, string name)
    {
        var before = await site.CountRecordsAsync();
        var result = await site.StoreAsync(bytes, name);
        Assert.False(result.Succeeded);
        Assert.Null(result.File);
        Assert.Single(result.Errors);
        Assert.Equal(before, await site.CountRecordsAsync());
        await AssertConsistentAsync();
        return result.Errors[0];
    }

    private async Task<MediaFile> StoredAsync(byte[] bytes, string name)
    {
        var result = await site.StoreAsync(bytes, name);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        await AssertConsistentAsync();
        var response = await site.Anonymous.GetAsync($"/media/{result.File!.Id}/{result.File.StoredName}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var served = await response.Content.ReadAsByteArrayAsync();
        if (result.File.IsImage)
        {
            // The public gets a re-encoded copy of the same picture; the upload itself only from the admin.
            using var image = SixLabors.ImageSharp.Image.Load(served);
            Assert.Equal((result.File.Width, result.File.Height), (image.Width, image.Height));
            var original = await site.Admin.Http.GetAsync($"/admin/media/{result.File.Id}?handler=Original");
            Assert.Equal(HttpStatusCode.OK, original.StatusCode);
            Assert.Equal(bytes, await original.Content.ReadAsByteArrayAsync());
        }
        else Assert.Equal(bytes, served);
        return result.File;
    }

    /// <summary>Every record has its folder and original, every folder has a record, and no upload is left in the temporary folder.</summary>
    private async Task AssertConsistentAsync()
    {
        var records = await site.WithDbAsync(db => db.Media.AsNoTracking().ToListAsync());
        var folders = Directory.Exists(site.MediaRoot)
            ? Directory.EnumerateDirectories(site.MediaRoot).Where(d => !Path.GetFileName(d).StartsWith('.'))
                .SelectMany(Directory.EnumerateDirectories).Select(d => Path.GetFileName(d)!).ToHashSet()
            : [];
        Assert.Equal(records.Select(r => r.Id).ToHashSet(), folders);
        foreach (var r in records)
            Assert.True(File.Exists(Path.Combine(site.MediaRoot, r.Id[..2], r.Id, r.StoredName)), $"{r.Id} has no original");
        Assert.Equal(0, site.CountFiles().Temp);
        Assert.Equal(HttpStatusCode.OK, (await site.Anonymous.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task A_decompression_bomb_png_is_refused_from_its_header_without_decoding()
    {
        var bomb = BadInputs.DecompressionBombPng();
        Assert.True(bomb.Length < 1_000_000);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var message = await RefusedAsync(bomb, "bom.png");
        var grown = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        Assert.Contains("12000 × 12000", message);
        Assert.Contains("megapixel", message);
        // Decoding would need 144 MB for the pixels alone.
        Assert.True(grown < 48L * 1024 * 1024, $"{grown / 1024 / 1024} MB allocated");
    }

    [Fact]
    public async Task A_jpeg_claiming_65000_by_65000_is_refused()
    {
        var message = await RefusedAsync(BadInputs.JpegClaiming(), "khong-lo.jpg");
        Assert.Contains("65000 × 65000", message);
    }

    [Fact]
    public async Task A_truncated_jpeg_is_refused()
    {
        var message = await RefusedAsync(BadInputs.TruncatedJpeg(), "cat-do.jpg");
        Assert.Contains("không đầy đủ", message);
    }

    [Fact]
    public async Task A_gif_with_thousands_of_frames_is_refused()
    {
        var message = await RefusedAsync(BadInputs.GifWithFrames(5000), "nhieu-khung.gif");
        Assert.Contains("khung hình", message);
        // A few frames are fine.
        await StoredAsync(BadInputs.GifWithFrames(20), "it-khung.gif");
    }

    [Fact]
    public async Task A_tiff_is_refused_even_named_jpg()
    {
        Assert.Contains("TIFF", await RefusedAsync(BadInputs.Tiff(), "scan.tif"));
        Assert.Contains("TIFF", await RefusedAsync(BadInputs.Tiff(), "scan.jpg"));
    }

    [Fact]
    public async Task An_svg_with_script_is_refused_and_a_clean_one_is_a_download_only()
    {
        Assert.Contains("script", await RefusedAsync(BadInputs.SvgWithScript(), "logo.svg"));
        Assert.Contains("script", await RefusedAsync(BadInputs.SvgWithHandler(), "logo2.svg"));
        var svg = await StoredAsync(BadInputs.CleanSvg(), "logo-sach.svg");
        Assert.Equal(MediaKind.Svg, svg.Kind);
        var response = await site.Anonymous.GetAsync($"/media/{svg.Id}/{svg.StoredName}");
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Contains("sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("", await site.WithLibraryAsync(l => Task.FromResult(l.GetSrcSet(svg))));
    }

    [Fact]
    public async Task An_html_file_named_jpg_is_refused()
    {
        Assert.Contains("HTML", await RefusedAsync(BadInputs.Html(), "anh-dep.jpg"));
    }

    [Fact]
    public async Task A_pdf_named_png_is_refused_saying_what_it_is()
    {
        var message = await RefusedAsync(TestFiles.Pdf(1), "poster.png");
        Assert.Contains("tài liệu PDF", message);
        Assert.Contains(".png", message);
        Assert.Contains(".pdf", message);
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        Assert.Contains("rỗng", await RefusedAsync([], "trong.pdf"));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_while_it_is_copied()
    {
        var before = await site.CountRecordsAsync();
        CultureInfoScope();
        await using var scope = site.Factory.Services.CreateAsyncScope();
        var library = scope.ServiceProvider.GetRequiredService<IMediaLibrary>();
        var result = await library.StoreAsync(new MediaUpload { Content = new BadInputs.LongStream(50L * 1024 * 1024 + 1), OriginalName = "qua-lon.jpg" });
        Assert.False(result.Succeeded);
        Assert.Contains("50 MB", result.Errors.Single());
        Assert.Equal(before, await site.CountRecordsAsync());
        await AssertConsistentAsync();
    }

    private static void CultureInfoScope() => System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");

    [Fact]
    public async Task A_name_with_dot_dot_slash_is_only_text_and_the_file_stays_inside_the_library()
    {
        // A slash is part of the name people gave, never a path: it becomes a dash, and the stored name is ours.
        var file = await StoredAsync(TestFiles.Jpeg(120, 90), "../../../etc/passwd.jpg");
        Assert.Equal("-..-..-etc-passwd.jpg", file.OriginalName);
        Assert.Equal($"{file.Id}-etc-passwd.jpg", file.StoredName);
        var backslash = await StoredAsync(TestFiles.Jpeg(120, 90), "..\\..\\windows\\win.jpg");
        Assert.Equal("-..-windows-win.jpg", backslash.OriginalName);
    }

    [Fact]
    public async Task Control_characters_are_dropped_from_the_name()
    {
        var file = await StoredAsync(TestFiles.Jpeg(120, 90), "ảnh\u0000\u0007\r\n\u202Egpj.exe mới.jpg");
        Assert.Equal("ảnhgpj.exe mới.jpg", file.OriginalName);
        var response = await site.Anonymous.GetAsync($"/media/{file.Id}/{file.StoredName}?download=1");
        var header = string.Join(";", response.Content.Headers.GetValues("Content-Disposition"));
        Assert.DoesNotContain("\r", header);
        Assert.DoesNotContain("\n", header);
    }

    [Fact]
    public async Task A_reserved_device_name_is_only_data()
    {
        var file = await StoredAsync(TestFiles.Png(50, 50), "CON.png");
        Assert.Equal("CON.png", file.OriginalName);
        Assert.Equal($"{file.Id}-con.png", file.StoredName);
        var aux = await StoredAsync(TestFiles.Png(50, 50), "aux.PNG");
        Assert.Equal($"{aux.Id}-aux.png", aux.StoredName);
    }

    [Fact]
    public async Task A_300_character_name_is_shortened_keeping_its_extension()
    {
        var name = new string('a', 150) + " " + new string('ư', 145) + ".jpg";
        Assert.Equal(300, name.Length);
        var file = await StoredAsync(TestFiles.Jpeg(120, 90), name);
        Assert.Equal(255, file.OriginalName.Length);
        Assert.EndsWith(".jpg", file.OriginalName);
        Assert.True(file.StoredName.Length <= 26 + 1 + 80 + 4);
    }

    [Fact]
    public async Task A_vietnamese_name_is_kept_and_offered_on_download()
    {
        var file = await StoredAsync(TestFiles.Pdf(2), "Cẩm nang Phòng chống xâm hại trẻ em – Đà Nẵng.pdf");
        Assert.Equal("Cẩm nang Phòng chống xâm hại trẻ em – Đà Nẵng.pdf", file.OriginalName);
        Assert.Equal($"{file.Id}-cam-nang-phong-chong-xam-hai-tre-em-da-nang.pdf", file.StoredName);
        var response = await site.Anonymous.GetAsync($"/media/{file.Id}/{file.StoredName}?download=1");
        Assert.Equal("Cẩm nang Phòng chống xâm hại trẻ em – Đà Nẵng.pdf", response.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal(2, file.PageCount);
    }
}
