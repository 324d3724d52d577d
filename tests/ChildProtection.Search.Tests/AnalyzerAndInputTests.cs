using System.Text;
using ChildProtection.Search.Indexing;
using ChildProtection.Search.Querying;

namespace ChildProtection.Search.Tests;

public sealed class AnalyzerAndInputTests
{
    [Theory]
    [InlineData("Phòng chống đuối nước")]
    [InlineData("PHÒNG CHỐNG ĐUỐI NƯỚC")]
    [InlineData("phong chong duoi nuoc")]
    [InlineData("Phong Chong Duoi Nuoc")]
    public void Folded_words_are_the_same_with_or_without_diacritics_and_in_any_case(string text)
    {
        Assert.Equal(["phong", "chong", "duoi", "nuoc"], SearchInput.Parse(text).FoldedWords);
    }

    [Fact]
    public void Decomposed_unicode_reads_as_the_composed_form()
    {
        var nfd = "Đuối nước".Normalize(NormalizationForm.FormD);
        Assert.NotEqual("Đuối nước", nfd);
        var input = SearchInput.Parse(nfd);
        Assert.Equal(["duoi", "nuoc"], input.FoldedWords);
        Assert.Equal(["đuối", "nước"], input.ExactWords);
    }

    [Fact]
    public void Exact_words_keep_diacritics_in_lower_case()
    {
        Assert.Equal(["trẻ", "em", "bị", "xâm", "hại"], SearchInput.Parse("TRẺ EM BỊ XÂM HẠI").ExactWords);
    }

    [Fact]
    public void A_five_thousand_character_query_is_cut_to_the_limit()
    {
        var input = SearchInput.Parse(string.Concat(Enumerable.Repeat("đuối nước ", 500)));
        Assert.True(input.Truncated);
        Assert.True(input.Text.Length <= SearchInput.MaxLength);
        Assert.Equal(["duoi", "nuoc"], input.FoldedWords);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("?")]
    [InlineData("\"")]
    [InlineData("(((")]
    [InlineData("   ")]
    [InlineData("")]
    [InlineData(null)]
    public void Input_without_words_is_empty(string? text) => Assert.True(SearchInput.Parse(text).IsEmpty);

    [Fact]
    public void Html_is_reduced_to_words()
    {
        Assert.Equal("Trẻ em cần được bảo vệ. Gọi 111 <ngay>", IndexText.FromHtml("<p>Trẻ em <strong>cần</strong> được bảo vệ.</p><script>alert(1)</script><p>Gọi 111 &lt;ngay&gt;</p>"));
    }

    [Fact]
    public void A_lone_surrogate_does_not_break_normalisation()
    {
        var input = SearchInput.Parse("bơi\uD800 an toàn");
        Assert.Contains("an", input.FoldedWords);
    }
}
