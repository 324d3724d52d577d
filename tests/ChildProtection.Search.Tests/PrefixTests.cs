using System.Text;
using ChildProtection.Search.Indexing;
using ChildProtection.Search.Querying;

namespace ChildProtection.Search.Tests;

/// <summary>Search as you type: the last word also matches as the beginning of a longer word.</summary>
public sealed class PrefixTests : IClassFixture<IndexFixture>
{
    private readonly IndexFixture index;

    public PrefixTests(IndexFixture index)
    {
        this.index = index;
        if (index.Index.Count > 0) return;
        var many = Enumerable.Range(0, PrefixWordQuery.MaxExpansions + 20).Select(i => "zq" + (char)('a' + i / 26) + (char)('a' + i % 26));
        index.Add(
            IndexFixture.Doc("duoi", "Phòng chống đuối nước cho trẻ em", "<p>Mỗi năm nhiều trẻ em bị đuối nước.</p>"),
            IndexFixture.Doc("hiem", "Bảo hiểm y tế học sinh", "<p>Cha mẹ mua bảo hiểm cho con.</p>"),
            IndexFixture.Doc("hieu", "Bảo hiếu với ông bà", "<p>Trẻ em bảo nhau hiếu thảo.</p>"),
            IndexFixture.Doc("bo", "Bánh mì bơ cho trẻ", "<p>Bữa sáng có bơ.</p>"),
            IndexFixture.Doc("boi", "Trẻ học bơi, bơi an toàn, bơi giỏi", "<p>Bơi cùng cha mẹ. Bơi mùa hè.</p>"),
            IndexFixture.Doc("many", "Từ lạ", "<p>" + string.Join(" ", many) + " zqzz zqzz zqzz</p>"),
            IndexFixture.Doc("many-2", "Từ lạ nữa", "<p>zqzz</p>"));
    }

    [Theory]
    [InlineData("đuối nư", "duoi")]
    [InlineData("duoi nu", "duoi")]
    [InlineData("bảo hiể", "hiem")]
    [InlineData("  BẢO   HIỂ  ", "hiem")]
    public void The_last_word_matches_as_a_prefix(string query, string expected)
    {
        Assert.Equal(expected, index.Ids(query).First());
        Assert.Equal(expected, index.Ids(query.Normalize(NormalizationForm.FormD)).First());
    }

    [Fact]
    public void Completions_with_the_diacritics_as_typed_rank_first()
    {
        // Folded, "hie" completes to both "hiem" and "hieu"; "hiể" as typed only to "hiểm".
        Assert.Equal(["hiem", "hieu"], index.Ids("bảo hiể"));
        Assert.Equal(["hieu", "hiem"], index.Ids("bảo hiế"));
    }

    [Fact]
    public void A_whole_word_ranks_before_a_completion()
    {
        // "boi" says "bơi" six times, in its title too; "bo" has the word "bơ" itself.
        Assert.Equal(["bo", "boi"], index.Ids("trẻ bơ"));
    }

    [Fact]
    public void Only_the_last_word_is_a_prefix_and_one_letter_is_not()
    {
        Assert.Empty(index.Ids("đuố nước"));
        Assert.Empty(index.Ids("đuối n"));
    }

    [Fact]
    public void Completions_are_marked_in_snippets()
    {
        var hit = index.Find("đuối nư").Hits.Single();
        Assert.Contains("<mark>đuối</mark> <mark>nước</mark>", hit.TitleHtml);
    }

    [Fact]
    public void Expansion_is_bounded_and_keeps_the_most_frequent_words()
    {
        var kept = index.Index.Read(s => PrefixWordQuery.Expand(s.IndexReader, SearchFields.Folded(SearchFields.All), "zq"));
        Assert.Equal(PrefixWordQuery.MaxExpansions, kept.Count);
        Assert.Equal("zqzz", kept[0]);
        Assert.Contains("many-2", index.Ids("zq"));
    }
}
