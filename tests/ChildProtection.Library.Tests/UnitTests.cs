using ChildProtection.Core.Settings;
using ChildProtection.Library.Downloads;
using ChildProtection.Library.Indexing;
using ChildProtection.Library.Packs;
using ChildProtection.Library.Public;
using ChildProtection.Library.Qr;
using ChildProtection.Media;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ChildProtection.Library.Tests;

public sealed class ZipEntryNameTests
{
    [Theory]
    [InlineData("Sổ tay cha mẹ.pdf", "Sổ tay cha mẹ.pdf")]
    [InlineData("../../etc/passwd", "-..-etc-passwd")]
    [InlineData("CON.png", "_CON.png")]
    [InlineData("nul", "_nul")]
    [InlineData("a\u0000b\u001fc\u202e.pdf", "a b c .pdf")]
    [InlineData("   ...   ", "tep")]
    [InlineData("C:\\Windows\\x.pdf", "C--Windows-x.pdf")]
    public void Parts_are_safe_and_keep_vietnamese(string input, string expected) =>
        Assert.Equal(expected, ZipEntryNames.Part(input));

    [Fact]
    public void Long_names_are_cut_and_duplicates_numbered_case_insensitively()
    {
        Assert.True(ZipEntryNames.Part(new string('ă', 300) + ".pdf").Length <= ZipEntryNames.MaxPart);
        Assert.EndsWith(".pdf", ZipEntryNames.Part(new string('ă', 300) + ".pdf"));
        var names = new ZipEntryNames();
        Assert.Equal("Mục lục.txt", names.Reserve("Mục lục.txt"));
        Assert.Equal("Áp phích/Bản A4.pdf", names.Unique("Áp phích", "Bản A4.pdf"));
        Assert.Equal("Áp phích/bản a4 (2).pdf", names.Unique("Áp phích", "bản a4.pdf"));
        Assert.Equal("Áp phích/Bản A4 (3).pdf", names.Unique("Áp phích", "Bản A4.pdf"));
    }
}

public sealed class LibraryFilterTests
{
    private static LibraryFilters Parse(string query) =>
        LibraryFilters.Parse(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query)), new HashSet<string> { "duoi-nuoc" }, new HashSet<string> { "camp1" });

    [Fact]
    public void Known_values_are_kept_and_garbage_dropped()
    {
        var f = Parse("?q=%20%C4%90u%E1%BB%91i%20n%C6%B0%E1%BB%9Bc%00&chu-de=duoi-nuoc&loai=poster&doi-tuong=parents&chien-dich=camp1&trang=3");
        Assert.Equal(new LibraryFilters("Đuối nước", "duoi-nuoc", "poster", "parents", "camp1", 3), f);
        Assert.Equal("duoi nuoc", f.FoldedQuery);
        var g = Parse("?chu-de=x&loai=tank&doi-tuong=%3Cscript%3E&chien-dich=..&trang=-1");
        Assert.Equal(new LibraryFilters(null, null, null, null, null, 1), g);
        Assert.False(g.Any);
        Assert.Equal(LibraryFilters.MaxQuery, Parse("?q=" + new string('x', 1000)).Query!.Length);
        Assert.Equal(1, Parse("?trang=99999999999999999999").Page);
    }

    [Fact]
    public void Urls_keep_the_filters_and_escape_the_query()
    {
        var f = new LibraryFilters("cha & mẹ", "duoi-nuoc", null, "parents", null, 1);
        Assert.Equal("/thu-vien?q=cha%20%26%20m%E1%BA%B9&chu-de=duoi-nuoc&doi-tuong=parents&trang=2", f.Url(page: 2));
        Assert.Equal("/thu-vien?q=cha%20%26%20m%E1%BA%B9&chu-de=duoi-nuoc&doi-tuong=parents", f.Url());
    }
}

public sealed class SmallPieceTests
{
    [Theory]
    [InlineData("Sổ tay PHÒNG CHỐNG Đuối   Nước", "so tay phong chong duoi nuoc")]
    [InlineData("So\u0302\u0309 tay", "so tay")]
    [InlineData("", "")]
    public void Titles_fold_without_diacritics(string input, string expected) => Assert.Equal(expected, TitleFolding.Fold(input));

    [Fact]
    public void File_facts_read_the_vietnamese_way()
    {
        var pdf = new MediaFile("m1", "", "Sổ tay.pdf", "m1-so-tay.pdf", "application/pdf", MediaKind.Pdf, 2_516_582, null, null, 24, null, null, null, "x", false, true, DateTime.UtcNow, DateTime.UtcNow);
        Assert.Equal("PDF · 2,4 MB · 24 trang", FileFacts.Describe(pdf));
        var png = pdf with { Kind = MediaKind.Image, ContentType = "image/png", Length = 51_200, Width = 2480, Height = 3508, PageCount = null };
        Assert.Equal("PNG · 50 KB · 2480 × 3508 px", FileFacts.Describe(png));
        Assert.Equal("900 byte", FileFacts.Size(900));
    }

    [Fact]
    public void Hits_add_up_per_resource_local_day_and_school()
    {
        var time = new SiteTime(TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"));
        var late = new DateTime(2025, 6, 1, 16, 59, 0, DateTimeKind.Utc); // 23:59 in Vietnam
        var next = new DateTime(2025, 6, 1, 17, 1, 0, DateTimeKind.Utc);  // 00:01 on 2 June in Vietnam
        var sums = DownloadSums.Add([new("r1", 0, late), new("r1", 0, late), new("r1", 5, late), new("r1", 0, next)], time);
        Assert.Equal(2, sums[("r1", new DateOnly(2025, 6, 1), 0)]);
        Assert.Equal(1, sums[("r1", new DateOnly(2025, 6, 1), 5)]);
        Assert.Equal(1, sums[("r1", new DateOnly(2025, 6, 2), 0)]);
    }

    [Fact]
    public void The_counter_never_blocks_and_drops_beyond_its_capacity()
    {
        var counter = new DownloadCounter();
        for (var i = 0; i < DownloadCounter.Capacity + 10; i++) counter.Record("r", 0, DateTime.UtcNow);
        Assert.Equal(DownloadCounter.Capacity, counter.Recorded);
        Assert.Equal(10, counter.Dropped);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("Sổ tay, bản \"mới\"", "\"Sổ tay, bản \"\"mới\"\"\"")]
    [InlineData("-1", "\"'-1\"")]
    public void Csv_cells_are_quoted_and_never_formulas(string value, string expected) => Assert.Equal(expected, DownloadReport.Cell(value));

    [Fact]
    public void Qr_codes_are_a_png_and_an_svg_without_script()
    {
        var png = QrCodes.Png("https://baovetreem.example.vn/thu-vien/ap-phich-111");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        var svg = QrCodes.Svg("https://baovetreem.example.vn/thu-vien/ap-phich-111");
        Assert.StartsWith("<svg", svg.TrimStart().Replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "").TrimStart());
        Assert.DoesNotContain("script", svg, StringComparison.OrdinalIgnoreCase);
    }
}
