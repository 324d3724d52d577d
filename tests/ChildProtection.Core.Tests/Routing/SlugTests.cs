using ChildProtection.Core.Routing;

namespace ChildProtection.Core.Tests.Routing;

/// <summary>Slugs from Vietnamese titles: diacritics folded, đ/Đ → d, lower case, single hyphens.</summary>
public sealed class SlugTests
{
    [Theory]
    [InlineData("Phòng chống đuối nước", "phong-chong-duoi-nuoc")]
    [InlineData("ĐOÀN THANH NIÊN Đi Đầu", "doan-thanh-nien-di-dau")]
    [InlineData("Đường dây nóng 111 (miễn phí, 24/7)", "duong-day-nong-111-mien-phi-24-7")]
    [InlineData("Tháng hành động vì trẻ em: 1–30/6!", "thang-hanh-dong-vi-tre-em-1-30-6")]
    [InlineData("  --Bạo lực   học đường?!-- ", "bao-luc-hoc-duong")]
    [InlineData("Quyết định 2869/UBND-LĐTBXH", "quyet-dinh-2869-ubnd-ldtbxh")]
    [InlineData("Trẻ em & gia đình <3", "tre-em-gia-dinh-3")]
    [InlineData("Tiếng Việt: ả ã ạ ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ứ ừ ử ữ ự ỳ ỷ ỹ ỵ",
        "tieng-viet-a-a-a-a-a-a-a-a-a-a-a-a-a-e-e-e-e-e-o-o-o-o-o-o-o-o-o-o-u-u-u-u-u-y-y-y-y")]
    public void Titles_become_ascii_slugs(string title, string expected) => Assert.Equal(expected, Slug.From(title));

    [Fact]
    public void Decomposed_input_gives_the_same_slug_as_precomposed()
    {
        var decomposed = "Phòng chống đuối nước".Normalize(System.Text.NormalizationForm.FormD);
        Assert.NotEqual("Phòng chống đuối nước", decomposed);
        Assert.Equal("phong-chong-duoi-nuoc", Slug.From(decomposed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!! ??? —")]
    [InlineData("中文")]
    public void Text_without_latin_letters_or_digits_gives_no_slug(string? title) => Assert.Equal("", Slug.From(title));

    [Fact]
    public void Long_titles_are_cut_at_a_word_boundary_within_the_limit()
    {
        var title = string.Join(' ', Enumerable.Repeat("Tuyên truyền phòng chống xâm hại trẻ em", 10));
        var full = string.Join('-', Enumerable.Repeat("tuyen-truyen-phong-chong-xam-hai-tre-em", 10));

        var slug = Slug.From(title);

        Assert.True(slug.Length <= Slug.MaxLength, $"{slug.Length} characters");
        Assert.True(slug.Length > Slug.MaxLength / 2);
        Assert.StartsWith(slug, full);
        Assert.Equal('-', full[slug.Length]); // the cut falls between words
        Assert.True(Slug.IsValidPath(slug));
    }

    [Fact]
    public void One_very_long_word_is_cut_at_the_limit()
    {
        var slug = Slug.From(new string('đ', 300));
        Assert.Equal(new string('d', Slug.MaxLength), slug);
    }

    [Theory]
    [InlineData("tin-tuc/phong-chong-duoi-nuoc", true)]
    [InlineData("a", true)]
    [InlineData("2025/dien-dan-tre-em", true)]
    [InlineData("", false)]
    [InlineData("Tin-tuc", false)]
    [InlineData("tin--tuc", false)]
    [InlineData("-tin", false)]
    [InlineData("tin-", false)]
    [InlineData("tin//tuc", false)]
    [InlineData("/tin", false)]
    [InlineData("tin tuc", false)]
    [InlineData("phòng", false)]
    [InlineData("../admin", false)]
    public void Paths_are_slugs_separated_by_slashes(string path, bool valid) => Assert.Equal(valid, Slug.IsValidPath(path));
}
