using System.Text;
using ChildProtection.Search.Indexing;

namespace ChildProtection.Search.Tests;

public sealed class RankingAndBadInputTests : IClassFixture<IndexFixture>
{
    private readonly IndexFixture index;

    public RankingAndBadInputTests(IndexFixture index)
    {
        this.index = index;
        if (index.Index.Count > 0) return;
        index.Add(
            IndexFixture.Doc("boi-1", "Hướng dẫn bội thu vụ mùa", "<p>Trẻ em học cách bội thu.</p>"),
            IndexFixture.Doc("boi-2", "Hướng dẫn bơi an toàn", "<p>Trẻ em học bơi cùng cha mẹ vào mùa hè.</p>"),
            IndexFixture.Doc("boi-3", "Hướng dẫn bói toán", "<p>Không liên quan.</p>"),
            IndexFixture.Doc("duoi", "Phòng chống đuối nước cho trẻ em", "<p>Mỗi năm nhiều trẻ em bị <b>đuối nước</b>. Hãy dạy trẻ biết bơi.</p>", summary: "Kỹ năng an toàn dưới nước"),
            IndexFixture.Doc("event", "Diễn đàn trẻ em phường Phú Lợi", "<p>Các em nói về an toàn trên mạng.</p>", type: "Event", topics: ["t-mang"]),
            IndexFixture.Doc("html", "Cảnh báo lừa đảo", "<p>Tin nhắn &lt;script&gt;alert('x')&lt;/script&gt; giả danh nhà trường lừa đảo phụ huynh.</p>"));
    }

    [Fact]
    public void A_query_with_diacritics_ranks_the_exact_word_first()
    {
        Assert.Equal("boi-2", index.Ids("bơi").First());
        Assert.Equal("boi-1", index.Ids("bội").First());
        Assert.Equal("boi-3", index.Ids("bói").First());
    }

    [Fact]
    public void A_query_without_diacritics_finds_every_spelling()
    {
        Assert.Equal(["boi-1", "boi-2", "boi-3", "duoi"], index.Ids("boi").Order().ToList());
    }

    [Theory]
    [InlineData("đuối nước")]
    [InlineData("duoi nuoc")]
    [InlineData("ĐUỐI NƯỚC")]
    [InlineData("DUOI NUOC")]
    [InlineData("Đuối Nước")]
    public void Every_way_of_typing_finds_the_same_items(string query)
    {
        Assert.Equal(["duoi"], index.Ids(query));
        Assert.Equal(["duoi"], index.Ids(query.Normalize(NormalizationForm.FormD)));
    }

    [Fact]
    public void Every_word_must_be_found()
    {
        Assert.Equal(["duoi"], index.Ids("trẻ em đuối"));
        Assert.Empty(index.Ids("đuối nước xe máy"));
    }

    [Fact]
    public void Filters_narrow_by_type_and_topic()
    {
        Assert.Equal(3, index.Ids("an toàn").Count);
        Assert.Equal(["event"], index.Ids("an toàn", type: "Event"));
        Assert.Equal(["event"], index.Ids("an toàn", topic: "t-mang"));
        Assert.Empty(index.Ids("an toàn", type: "Resource"));
    }

    [Fact]
    public void Snippets_mark_the_words_as_written_and_encode_everything_else()
    {
        var hit = index.Find("duoi nuoc").Hits.Single();
        Assert.Contains("<mark>đuối</mark> <mark>nước</mark>", hit.SnippetHtml);
        Assert.Contains("Phòng chống <mark>đuối</mark> <mark>nước</mark>", hit.TitleHtml);

        var html = index.Find("lừa đảo").Hits.Single();
        Assert.DoesNotContain("<script>", html.SnippetHtml);
        Assert.Contains("&lt;script&gt;", html.SnippetHtml);
        Assert.Contains("<mark>lừa</mark>", html.SnippetHtml);
    }

    [Theory]
    [InlineData("title:*")]
    [InlineData("*")]
    [InlineData("?")]
    [InlineData("\"đuối nước")]
    [InlineData("(đuối nước")]
    [InlineData("[đuối TO nước}")]
    [InlineData("AND OR NOT")]
    [InlineData("đuối~ nước^4 +trẻ -em")]
    [InlineData("\\ / ! : ^ ~ && ||")]
    public void Lucene_syntax_is_only_text(string query)
    {
        var results = index.Find(query);
        Assert.NotNull(results);
        // "title:*" is the words "title" (nowhere in the index): syntax never widens a query to everything.
        Assert.True(results.Total <= 1, $"{query} found {results.Total}");
    }

    [Fact]
    public void A_five_thousand_character_query_does_not_throw()
    {
        var results = index.Find(new string('a', 5_000));
        Assert.Equal(0, results.Total);
        var words = index.Find(string.Join(' ', Enumerable.Repeat("đuối nước trẻ em", 400)));
        Assert.Equal(["duoi"], words.Hits.Select(h => h.Id));
    }

    [Fact]
    public void Paging_past_the_end_shows_the_last_page()
    {
        var results = index.Find("boi", page: 99);
        Assert.Equal(1, results.Page);
        Assert.Equal(4, results.Hits.Count);
    }
}
