using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;

namespace ChildProtection.Articles.Tests;

/// <summary>The public news: list, topic filter and pages, paging, the article page and its print view.</summary>
public sealed class NewsPagesTests(NewsPagesTests.Site site) : IClassFixture<NewsPagesTests.Site>
{
    public const string SamplePath = "/tin-tuc/thanh-pho-trien-khai-cac-nhiem-vu-trong-tam-ve-tre-em-nam-2024";
    public const string DrowningPath = "/tin-tuc/mua-he-an-toan-phong-chong-duoi-nuoc-cho-tre-em";

    public sealed class Site : ArticlesSite
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            // 25 more articles on "an toàn mạng", a minute apart: the topic has two pages of 20.
            var start = new DateTime(2025, 3, 1, 1, 0, 0, DateTimeKind.Utc);
            for (var i = 1; i <= 25; i++)
                await PublishArticleAsync($"An toàn trên mạng, bài {i:00}", ["an-toan-mang"], start.AddMinutes(i));
        }
    }

    [Fact]
    public async Task The_news_list_shows_articles_newest_first_with_vietnamese_dates_and_pages()
    {
        var (status, html) = await site.GetAsync("/tin-tuc");
        Assert.Equal(HttpStatusCode.OK, status);
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Equal("vi", doc.DocumentElement.GetAttribute("lang"));
        var titles = doc.QuerySelectorAll(".summary-title a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(20, titles.Count);
        Assert.Equal("An toàn trên mạng, bài 25", titles[0]);
        Assert.Contains(doc.QuerySelectorAll(".pager a"), a => a.GetAttribute("href") == "/tin-tuc?trang=2");

        var (status2, page2) = await site.GetAsync("/tin-tuc?trang=2");
        Assert.Equal(HttpStatusCode.OK, status2);
        Assert.Contains("Thành phố triển khai các nhiệm vụ trọng tâm về trẻ em năm 2024", page2);
        Assert.Contains("04/04/2024 12:44", page2);
        Assert.Contains("20/07/2024 09:15", page2);
    }

    [Fact]
    public async Task The_topic_filter_and_the_topic_page_list_only_that_topic()
    {
        var (_, filtered) = await site.GetAsync("/tin-tuc?chu-de=duoi-nuoc");
        var doc = new HtmlParser().ParseDocument(filtered);
        var titles = doc.QuerySelectorAll(".summary-title a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Mùa hè an toàn: phòng, chống đuối nước cho trẻ em", "Thành phố triển khai các nhiệm vụ trọng tâm về trẻ em năm 2024"], titles);
        Assert.Equal("duoi-nuoc", doc.QuerySelector("select[name=chu-de] option[selected]")?.GetAttribute("value"));
        // The filtered list points search engines at the topic page.
        Assert.EndsWith("/chu-de/duoi-nuoc", doc.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));

        var (status, topicPage) = await site.GetAsync("/chu-de/duoi-nuoc");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Chủ đề: Phòng chống đuối nước", topicPage);
        Assert.Contains("/chu-de/duoi-nuoc/rss.xml", topicPage);
        Assert.DoesNotContain("An toàn trên mạng", new HtmlParser().ParseDocument(topicPage).QuerySelector(".summaries")!.TextContent);

        var (_, mang2) = await site.GetAsync("/chu-de/an-toan-mang?trang=2");
        var page2 = new HtmlParser().ParseDocument(mang2).QuerySelectorAll(".summary-title a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["An toàn trên mạng, bài 05", "An toàn trên mạng, bài 04", "An toàn trên mạng, bài 03", "An toàn trên mạng, bài 02", "An toàn trên mạng, bài 01"], page2);
    }

    [Theory]
    [InlineData("/chu-de/khong-co")]
    [InlineData("/tin-tuc?chu-de=khong-co")]
    [InlineData("/tin-tuc?trang=99")]
    [InlineData("/tin-tuc?trang=abc")]
    [InlineData("/tin-tuc?trang=-1")]
    [InlineData("/chu-de/duoi-nuoc?trang=2")]
    [InlineData("/ban-in/tin-tuc/khong-co")]
    [InlineData("/chu-de/khong-co/rss.xml")]
    public async Task Unknown_topics_pages_and_items_are_404_not_errors(string url)
    {
        var (status, _) = await site.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task The_article_page_shows_everything_the_office_publishes()
    {
        var (status, html) = await site.GetAsync(SamplePath);
        Assert.Equal(HttpStatusCode.OK, status);
        var doc = new HtmlParser().ParseDocument(html);
        Assert.Equal("Thành phố triển khai các nhiệm vụ trọng tâm về trẻ em năm 2024", doc.QuerySelector("h1")!.TextContent);
        Assert.Equal("04/04/2024 12:44", doc.QuerySelector(".content-header time")!.TextContent);
        Assert.Contains("2869/UBND-LĐTBXH", doc.QuerySelector(".document")!.TextContent);
        Assert.Contains("03/04/2024", doc.QuerySelector(".document")!.TextContent);
        Assert.Equal("Phòng Văn hóa – Thông tin", doc.QuerySelector(".byline .author")!.TextContent);
        Assert.Equal("Nguồn: Công văn 2869/UBND-LĐTBXH", doc.QuerySelector(".byline .source")!.TextContent);
        Assert.Contains(doc.QuerySelectorAll(".topics a"), a => a.GetAttribute("href") == "/chu-de/duoi-nuoc" && a.TextContent == "Phòng chống đuối nước");
        // Related by shared topics: the drowning article shares "đuối nước".
        Assert.Contains(doc.QuerySelectorAll(".related a"), a => a.GetAttribute("href") == DrowningPath);
        // Share links need no third-party script; the only scripts are the site's own files and the JSON-LD data block.
        var share = doc.QuerySelectorAll(".share a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains(share, h => h.StartsWith("https://www.facebook.com/sharer/sharer.php?u=http", StringComparison.Ordinal));
        Assert.Contains(share, h => h.StartsWith("mailto:?subject=", StringComparison.Ordinal));
        Assert.Contains(share, h => h == "/ban-in" + SamplePath);
        Assert.All(doc.Scripts, s => Assert.True(s.GetAttribute("type") == "application/ld+json" || (s.Source ?? "").StartsWith('/')));

        // Head: canonical, OpenGraph, Twitter, feeds.
        Assert.EndsWith(SamplePath, doc.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("article", doc.QuerySelector("meta[property='og:type']")!.GetAttribute("content"));
        Assert.NotNull(doc.QuerySelector("meta[name='twitter:card']"));
        Assert.Equal("2024-04-04T05:44:00Z", doc.QuerySelector("meta[property='article:published_time']")!.GetAttribute("content"));
        Assert.NotNull(doc.QuerySelector("link[rel=alternate][type='application/rss+xml']"));

        // JSON-LD NewsArticle with the Vietnamese time and zone.
        var ld = JsonDocument.Parse(doc.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.Equal("NewsArticle", ld.GetProperty("@type").GetString());
        Assert.Equal("Thành phố triển khai các nhiệm vụ trọng tâm về trẻ em năm 2024", ld.GetProperty("headline").GetString());
        Assert.Equal("2024-04-04T12:44:00+07:00", ld.GetProperty("datePublished").GetString());
        Assert.Equal("Phòng Văn hóa – Thông tin", ld.GetProperty("author").GetProperty("name").GetString());
        Assert.EndsWith(SamplePath, ld.GetProperty("mainEntityOfPage").GetString());
    }

    [Fact]
    public async Task Media_library_images_in_the_body_get_srcset_and_sizes_on_the_public_page()
    {
        string poster;
        await using (var scope = site.Factory.Services.CreateAsyncScope())
        {
            var library = scope.ServiceProvider.GetRequiredService<ChildProtection.Media.IMediaLibrary>();
            var file = await library.GetAsync("ca26bk455s0krz86fknjbpn6v4");
            Assert.NotNull(file);
            Assert.True(file!.DerivativesReady);
            poster = library.GetUrl(file);
        }
        var body = $"<p>Gọi 111 &amp; \"nhờ giúp\" &lt;ngay&gt;.</p><p><img src=\"{poster}\" alt=\"Áp phích 111\"></p>" +
                   "<p><img src=\"https://example.org/ngoai.png\" alt=\"Ảnh ngoài\"></p>";
        // No topic and an old date: the fixture's lists and topic pages stay as the other tests expect them.
        var item = await site.PublishArticleAsync("Ảnh trong bài có nhiều cỡ", [], new DateTime(2020, 1, 2, 3, 0, 0, DateTimeKind.Utc), body: body);
        var (status, html) = await site.GetAsync("/" + item.Path);
        Assert.Equal(HttpStatusCode.OK, status);
        var doc = new HtmlParser().ParseDocument(html);
        var img = doc.QuerySelector($".prose img[src='{poster}']")!;
        Assert.Equal("Áp phích 111", img.GetAttribute("alt"));
        var srcset = img.GetAttribute("srcset")!;
        Assert.Matches(@"^/media/ca26bk455s0krz86fknjbpn6v4/\d+/[^ ]+ \d+w(, /media/ca26bk455s0krz86fknjbpn6v4/\d+/[^ ]+ \d+w)*$", srcset);
        Assert.Equal("(min-width: 48rem) 42rem, 100vw", img.GetAttribute("sizes"));
        Assert.NotNull(img.GetAttribute("width"));
        // Every address in the srcset answers with an image.
        foreach (var candidate in srcset.Split(", "))
        {
            var response = await site.Anonymous.GetAsync(candidate.Split(' ')[0]);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("image/", response.Content.Headers.ContentType!.MediaType);
        }
        // An image from elsewhere is left as it was; the text around keeps its escapes.
        Assert.Null(doc.QuerySelector(".prose img[src='https://example.org/ngoai.png']")!.GetAttribute("srcset"));
        Assert.Contains("Gọi 111 &amp; \"nhờ giúp\" &lt;ngay&gt;.", doc.QuerySelector(".prose")!.InnerHtml);
        // The stored body is unchanged: srcset is the page's, not the item's.
        await using (var scope = site.Factory.Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<ChildProtection.Core.Contents.IContentManager>().GetAsync(item.ContentItemId, ChildProtection.Core.Contents.VersionOptions.Published);
            Assert.DoesNotContain("srcset", stored!.Content["BodyPart"]!["Html"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Picked_related_articles_come_before_shared_topics()
    {
        var picked = await site.PublishArticleAsync("Bài được chọn làm liên quan", ["an-toan-giao-thong"]);
        var item = await site.PublishArticleAsync("Bài có bài liên quan chọn tay", ["lao-dong-tre-em"]);
        await using (var scope = site.Factory.Services.CreateAsyncScope())
        {
            var contents = scope.ServiceProvider.GetRequiredService<ChildProtection.Core.Contents.IContentManager>();
            var latest = (await contents.GetAsync(item.ContentItemId, ChildProtection.Core.Contents.VersionOptions.Latest))!;
            latest.Content["Article"] = new System.Text.Json.Nodes.JsonObject
            {
                ["Related"] = new System.Text.Json.Nodes.JsonObject { ["ContentItemIds"] = new System.Text.Json.Nodes.JsonArray(picked.ContentItemId) },
            };
            Assert.True((await contents.SaveAsync(latest, new() { Publish = true })).Succeeded);
        }
        var doc = new HtmlParser().ParseDocument((await site.GetAsync("/" + item.Path)).Body);
        Assert.Equal(["/" + picked.Path], doc.QuerySelectorAll(".related a").Select(a => a.GetAttribute("href")!).ToList());
    }

    [Fact]
    public async Task The_print_view_is_the_article_alone_and_not_indexed()
    {
        var response = await site.Anonymous.GetAsync("/ban-in" + SamplePath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("noindex", response.Headers.GetValues("X-Robots-Tag").Single());
        var doc = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal("vi", doc.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Thành phố triển khai các nhiệm vụ trọng tâm về trẻ em năm 2024", doc.QuerySelector("h1")!.TextContent);
        Assert.Contains("04/04/2024 12:44", doc.QuerySelector(".meta")!.TextContent);
        Assert.Null(doc.QuerySelector("nav.main-nav"));
        Assert.EndsWith(SamplePath, doc.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.All(doc.Scripts, s => Assert.StartsWith("/themes/", s.Source));
    }
}
