using System.IO.Compression;
using System.Net;
using System.Text;

namespace ChildProtection.Library.Tests;

/// <summary>The campaign material pack (a streamed ZIP with a contents file) and QR codes of public pages.</summary>
public sealed class PackAndQrTests(LibrarySite site) : IClassFixture<LibrarySite>
{
    private IServiceProvider Services => site.Factory.Services;

    [Fact]
    public async Task The_pack_holds_every_public_file_of_the_campaign_with_unique_vietnamese_names_and_a_contents_file()
    {
        var campaign = await LibrarySeed.CampaignAsync(Services, "Tháng hành động vì trẻ em 2025");
        var a3 = TestFiles.Pdf(1, "A3");
        var a4 = TestFiles.Pdf(1, "A4");
        var png = TestFiles.Png(seed: 3);
        var other = TestFiles.Pdf(2, "To roi");
        var secret = TestFiles.Pdf(2, "Han che");
        var a3File = await LibrarySeed.StoreAsync(Services, a3, "ap-phich-a3.pdf");
        var a4File = await LibrarySeed.StoreAsync(Services, a4, "ap-phich-a4.pdf");
        var pngFile = await LibrarySeed.StoreAsync(Services, png, "ảnh web.png");
        var otherFile = await LibrarySeed.StoreAsync(Services, other, "tờ rơi.pdf");
        var secretFile = await LibrarySeed.StoreAsync(Services, secret, "han-che.pdf");
        await LibrarySeed.ResourceAsync(Services, "Áp phích: Tổng đài 111 / CON", "poster",
            [("Bản in A3 (PDF)", a3File.Id), ("Bản in A4 (PDF)", a4File.Id), ("Ảnh cho web", pngFile.Id)], campaigns: [campaign.ContentItemId]);
        await LibrarySeed.ResourceAsync(Services, "Tờ rơi ../../cha mẹ", "leaflet", [("Bản in A4 (PDF)", otherFile.Id)], campaigns: [campaign.ContentItemId]);
        await LibrarySeed.ResourceAsync(Services, "Tài liệu hạn chế trong chiến dịch", "handbook", [("Bản in A4 (PDF)", secretFile.Id)], campaigns: [campaign.ContentItemId], restricted: true);
        await LibrarySeed.ResourceAsync(Services, "Bản nháp chưa xuất bản", "leaflet", [("Bản in", otherFile.Id)], campaigns: [campaign.ContentItemId], publish: false);

        using var visitor = site.Anonymous();
        var response = await visitor.Http.GetAsync($"/bo-tai-lieu/{campaign.ContentItemId}.zip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("filename*=UTF-8''", response.Content.Headers.GetValues("Content-Disposition").Single());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Equal("Mục lục.txt", names[0]);
        Assert.Equal(5, names.Count);
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, n => Assert.DoesNotContain("..", n.Split('/')));
        Assert.All(names, n => Assert.True(n.Split('/').Length <= 2 && !n.StartsWith('/') && !n.Contains('\\')));
        Assert.Contains("Áp phích- Tổng đài 111 - CON/Bản in A3 (PDF).pdf", names);
        Assert.Equal(a4, Read(zip, "Áp phích- Tổng đài 111 - CON/Bản in A4 (PDF).pdf"));
        // A public pack is public: its image is the media library's clean copy (the same picture, re-encoded
        // without the upload's metadata), never the uploaded bytes.
        var packed = Read(zip, "Áp phích- Tổng đài 111 - CON/Ảnh cho web.png");
        Assert.Equal(png[..8], packed[..8]);
        Assert.Equal(png[16..24], packed[16..24]); // IHDR: the same width and height
        Assert.DoesNotContain(names, n => n.Contains("hạn chế") || n.Contains("nháp"));
        var contents = Encoding.UTF8.GetString(Read(zip, "Mục lục.txt"));
        Assert.Contains("Chiến dịch: Tháng hành động vì trẻ em 2025", contents);
        Assert.Contains("Số tệp: 4", contents);
        Assert.Contains("Tên tệp gốc: ảnh web.png", contents);
        Assert.Contains("PDF · ", contents);
        // The UTF-8 flag (general purpose bit 11) is set on Vietnamese names, so every unzip shows them right.
        Assert.True(HasUtf8Flag(bytes, "Mục lục.txt"));
    }

    [Fact]
    public async Task A_campaign_without_public_files_has_no_pack()
    {
        var campaign = await LibrarySeed.CampaignAsync(Services, "Chiến dịch chưa có tài liệu");
        using var visitor = site.Anonymous();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Http.GetAsync($"/bo-tai-lieu/{campaign.ContentItemId}.zip")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Http.GetAsync($"/bo-tai-lieu/{campaign.ContentItemId}")).StatusCode);
    }

    [Fact]
    public async Task The_library_links_a_campaign_pack_only_once_it_holds_a_file_and_the_link_then_answers_200()
    {
        var campaign = await LibrarySeed.CampaignAsync(Services, "Chiến dịch có tài liệu chưa có tệp");
        var pack = $"/bo-tai-lieu/{campaign.ContentItemId}.zip";
        var empty = await LibrarySeed.ResourceAsync(Services, "Tài liệu chưa có tệp của chiến dịch", "leaflet", campaigns: [campaign.ContentItemId]);
        var restrictedFile = await LibrarySeed.StoreAsync(Services, TestFiles.Pdf(1, "Han che goi"), "han-che-goi.pdf");
        await LibrarySeed.ResourceAsync(Services, "Tài liệu hạn chế của chiến dịch", "handbook", [("Bản in A4 (PDF)", restrictedFile.Id)], campaigns: [campaign.ContentItemId], restricted: true);
        var list = $"/thu-vien?chien-dich={campaign.ContentItemId}";

        using (var visitor = site.Anonymous())
        {
            // The pack answers 404 (nothing public in it): neither the library list nor the resource page links to it.
            Assert.Equal(HttpStatusCode.NotFound, (await visitor.Http.GetAsync(pack)).StatusCode);
            Assert.DoesNotContain(pack, await visitor.GetStringAsync(list));
            Assert.DoesNotContain(pack, await visitor.GetStringAsync($"/{empty.Path}"));
        }

        var file = await LibrarySeed.StoreAsync(Services, TestFiles.Pdf(1, "Goi co tep"), "goi-co-tep.pdf");
        await LibrarySeed.ResourceAsync(Services, "Áp phích có tệp của chiến dịch", "poster", [("Bản in A3 (PDF)", file.Id)], campaigns: [campaign.ContentItemId]);

        using (var visitor = site.Anonymous())
        {
            Assert.Contains(pack, await visitor.GetStringAsync(list));
            Assert.Contains(pack, await visitor.GetStringAsync($"/{empty.Path}"));
            var response = await visitor.Http.GetAsync(pack);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
            Assert.Equal(["Mục lục.txt", "Áp phích có tệp của chiến dịch/Bản in A3 (PDF).pdf"], zip.Entries.Select(e => e.FullName));
        }
    }

    [Fact]
    public async Task Campaign_and_resource_pages_have_png_and_svg_qr_codes_pointing_at_their_public_address()
    {
        using var visitor = site.Anonymous();
        var png = await visitor.Http.GetAsync("/qr/chien-dich/thang-hanh-dong-vi-tre-em-2024.png");
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType!.MediaType);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, (await png.Content.ReadAsByteArrayAsync())[..4]);
        var svg = await visitor.Http.GetAsync("/qr/chien-dich/thang-hanh-dong-vi-tre-em-2024.svg");
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType!.MediaType);
        var svgText = await svg.Content.ReadAsStringAsync();
        Assert.Contains("<svg", svgText);
        Assert.DoesNotContain("<script", svgText);
        Assert.Equal(QrSvgFor("http://localhost/chien-dich/thang-hanh-dong-vi-tre-em-2024"), svgText);

        var campaignPage = await visitor.GetStringAsync("/chien-dich/thang-hanh-dong-vi-tre-em-2024");
        Assert.Contains("/qr/chien-dich/thang-hanh-dong-vi-tre-em-2024.svg", campaignPage);
        Assert.Contains("/thu-vien?chien-dich=campaignjune2024", campaignPage);
        // The sample campaign's resources have files: its page links the pack, and the pack answers.
        Assert.Contains("/bo-tai-lieu/campaignjune2024.zip", campaignPage);
        Assert.Equal(HttpStatusCode.OK, (await visitor.Http.GetAsync("/bo-tai-lieu/campaignjune2024.zip")).StatusCode);
    }

    private static string QrSvgFor(string url) => Qr.QrCodes.Svg(url);

    private static byte[] Read(ZipArchive zip, string name)
    {
        using var stream = zip.GetEntry(name)!.Open();
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool HasUtf8Flag(byte[] zip, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        for (var i = 0; i + 30 < zip.Length; i++)
        {
            if (zip[i] != 0x50 || zip[i + 1] != 0x4B || zip[i + 2] != 0x03 || zip[i + 3] != 0x04) continue;
            var flags = zip[i + 6] | (zip[i + 7] << 8);
            var nameLength = zip[i + 26] | (zip[i + 27] << 8);
            if (zip.AsSpan(i + 30, nameLength).SequenceEqual(nameBytes)) return (flags & 0x800) != 0;
        }
        return false;
    }
}
