using System.Net;
using System.Text;

namespace ChildProtection.Search.Tests;

public sealed class SearchPageTests(SearchSite site) : IClassFixture<SearchSite>
{
    [Fact]
    public async Task Published_items_are_found_however_the_query_is_typed()
    {
        var item = await site.ArticleAsync("Mùa hè không đuối nước ở phường Thủ Dầu Một", "<p>Dạy trẻ <strong>kỹ năng bơi</strong> an toàn trước mùa hè.</p>");
        foreach (var query in new[] { "đuối nước thủ dầu một", "duoi nuoc thu dau mot", "ĐUỐI NƯỚC THỦ DẦU MỘT", "Duoi Nuoc Thu Dau Mot", "đuối nước thủ dầu một".Normalize(NormalizationForm.FormD) })
        {
            var (status, html) = await site.GetAsync(SearchSite.Search(query));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains($"href=\"/{item.Path}\"", html);
            Assert.Contains("<mark>đuối</mark> <mark>nước</mark>", html);
            Assert.Contains("Tìm thấy 1 kết quả", html);
        }
    }

    [Fact]
    public async Task Result_pages_are_noindex_and_the_header_has_a_search_box()
    {
        using var client = site.Anonymous();
        var response = await client.Http.GetAsync(SearchSite.Search("trẻ em"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("noindex", response.Headers.GetValues("X-Robots-Tag").Single());
        Assert.Contains("<meta name=\"robots\" content=\"noindex\">", html);
        Assert.Contains("class=\"site-search\"", html);

        var home = await site.GetAsync("/");
        Assert.Contains("action=\"/tim-kiem\"", home.Html);
    }

    [Fact]
    public async Task Drafts_and_restricted_resources_are_never_found()
    {
        await site.ArticleAsync("Bản nháp về xâm hại kỳ lân", publish: false);
        await site.ResourceAsync("Sổ tay cộng tác viên kỳ lân hạn chế", restricted: true);
        var open = await site.ResourceAsync("Áp phích kỳ lân công khai", restricted: false);

        // "lan ky", not "ky lan": the last word also matches as a prefix, and "lan" begins "lành", "làng"… of the
        // shared site's other items, whereas no Vietnamese word is longer than "ky".
        var (_, html) = await site.GetAsync(SearchSite.Search("lan ky"));
        Assert.DoesNotContain("nháp", html);
        Assert.DoesNotContain("cộng tác viên", html);
        Assert.Contains($"href=\"/{open.Path}\"", html);
        Assert.Contains("Tìm thấy 1 kết quả", html);

        // Signed in as the administrator changes nothing: the public index never holds restricted material.
        var admin = await site.Admin.GetStringAsync(SearchSite.Search("ky lan"));
        Assert.DoesNotContain("cộng tác viên", admin);
    }

    [Fact]
    public async Task Publishing_changing_and_unpublishing_update_the_results()
    {
        var item = await site.ArticleAsync("Tọa đàm hươu cao cổ", "<p>Lần đầu</p>");
        Assert.Contains($"href=\"/{item.Path}\"", (await site.GetAsync(SearchSite.Search("huou cao co"))).Html);

        await site.ChangeTitleAsync(item.ContentItemId, "Tọa đàm ngựa vằn");
        Assert.DoesNotContain("Tìm thấy", (await site.GetAsync(SearchSite.Search("huou cao co"))).Html);
        Assert.Contains("<mark>ngựa</mark> <mark>vằn</mark>", (await site.GetAsync(SearchSite.Search("ngua van"))).Html);

        await site.UnpublishAsync(item.ContentItemId);
        var (_, html) = await site.GetAsync(SearchSite.Search("ngua van"));
        Assert.DoesNotContain("Tìm thấy", html);
        Assert.Contains("Không tìm thấy kết quả nào", html);
    }

    [Fact]
    public async Task No_results_help_is_in_vietnamese()
    {
        var (status, html) = await site.GetAsync(SearchSite.Search("xyzzy khong co"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Không tìm thấy kết quả nào cho “xyzzy khong co”", html);
        Assert.Contains("Kiểm tra lại chính tả", html);
        Assert.Contains("Dùng ít từ hơn", html);
        Assert.Contains("Xem theo chủ đề", html);
    }

    [Fact]
    public async Task Filters_by_type_and_topic_and_pages()
    {
        var topic = await site.FirstTopicAsync();
        for (var i = 0; i < 12; i++) await site.ArticleAsync($"Tin cá heo số {i}", topics: i == 0 ? [topic] : null);
        await site.ResourceAsync("Tờ rơi cá heo", restricted: false);

        var (_, all) = await site.GetAsync(SearchSite.Search("ca heo"));
        Assert.Contains("Tìm thấy 13 kết quả", all);
        Assert.Contains("trang 1/2", all);
        Assert.Contains("rel=\"next\"", all);

        var (_, second) = await site.GetAsync(SearchSite.Search("ca heo", "trang=2"));
        Assert.Contains("trang 2/2", second);
        Assert.Equal(3, second.Split("class=\"search-result\"").Length - 1);

        var (_, resources) = await site.GetAsync(SearchSite.Search("ca heo", "loai=Resource"));
        Assert.Contains("Tìm thấy 1 kết quả", resources);
        Assert.Contains("Tờ rơi", resources);

        var (_, topical) = await site.GetAsync(SearchSite.Search("ca heo", "chu-de=" + Uri.EscapeDataString(topic)));
        Assert.Contains("Tìm thấy 1 kết quả", topical);
        Assert.Contains("số 0", topical);

        // An unknown type or topic is ignored rather than an error.
        var (status, unknown) = await site.GetAsync(SearchSite.Search("ca heo", "loai=Nope&chu-de=nope&trang=abc"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Tìm thấy 13 kết quả", unknown);
    }

    [Fact]
    public async Task An_empty_query_shows_the_form()
    {
        foreach (var url in new[] { "/tim-kiem", "/tim-kiem?q=", "/tim-kiem?q=%20%20" })
        {
            var (status, html) = await site.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("id=\"tim-q\"", html);
            Assert.DoesNotContain("Không tìm thấy", html);
        }
    }

    [Fact]
    public async Task A_five_thousand_character_query_is_cut_with_a_vietnamese_message()
    {
        var (status, html) = await site.GetAsync(SearchSite.Search(string.Concat(Enumerable.Repeat("đuối nước ", 500))));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Từ cần tìm dài quá 200 ký tự", html);
    }

    [Theory]
    [InlineData("title:*")]
    [InlineData("*")]
    [InlineData("?")]
    [InlineData("\"đuối nước")]
    [InlineData("(đuối [nước")]
    [InlineData("AND OR NOT")]
    [InlineData("<script>alert(1)</script>")]
    public async Task Lucene_syntax_and_markup_never_fail(string query)
    {
        var (status, html) = await site.GetAsync(SearchSite.Search(query));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("id=\"tim-q\"", html);
    }

    [Fact]
    public async Task Symbols_alone_ask_for_words()
    {
        var (_, html) = await site.GetAsync(SearchSite.Search("* ?"));
        Assert.Contains("Hãy nhập chữ hoặc số để tìm", html);
    }
}
