using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Xml.Linq;
using ChildProtection.Web.Tests;

namespace ChildProtection.Articles.Tests;

/// <summary>RSS 2.0 and Atom feeds, sitemap.xml (and its index) and robots.txt: well-formed XML with the required elements.</summary>
public sealed class FeedsAndSitemapTests(FeedsAndSitemapTests.Site site) : IClassFixture<FeedsAndSitemapTests.Site>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
    public const string Tricky = "Trẻ em <b>\"an toàn\"</b> & gia đình </script><script>alert(1)</script>";

    public sealed class Site : ArticlesSite
    {
        public Site() => Factory.Settings["Seo:SitemapPageSize"] = "3";

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await PublishArticleAsync(Tricky, ["an-toan-mang"], summary: "Tóm tắt có ký tự \u0001 điều khiển & <thẻ>");
        }
    }

    private async Task<(HttpResponseMessage Response, XDocument Xml)> XmlAsync(string url)
    {
        var response = await site.Anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response, XDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Rss_has_the_required_channel_and_item_elements()
    {
        var (response, xml) = await XmlAsync("/tin-tuc/rss.xml");
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType!.MediaType);
        var rss = xml.Root!;
        Assert.Equal("rss", rss.Name.LocalName);
        Assert.Equal("2.0", (string?)rss.Attribute("version"));
        var channel = rss.Element("channel")!;
        foreach (var name in new[] { "title", "link", "description", "language" }) Assert.False(string.IsNullOrWhiteSpace((string?)channel.Element(name)), name);
        Assert.Equal("vi", (string?)channel.Element("language"));
        Assert.EndsWith("/tin-tuc/rss.xml", (string?)channel.Element(Atom + "link")!.Attribute("href"));
        var items = channel.Elements("item").ToList();
        Assert.True(items.Count >= 3);
        foreach (var item in items)
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)item.Element("title")));
            Assert.StartsWith("http", (string?)item.Element("link"));
            Assert.Equal((string?)item.Element("link"), (string?)item.Element("guid"));
            Assert.True(DateTimeOffset.TryParse((string?)item.Element("pubDate"), out _));
        }
        // Whatever the editor typed comes back as text, never as markup.
        Assert.Contains(items, i => (string?)i.Element("title") == Tricky);
        var sample = items.Single(i => ((string?)i.Element("link"))!.EndsWith(NewsPagesTests.SamplePath));
        Assert.Equal("Thu, 04 Apr 2024 05:44:00 GMT", (string?)sample.Element("pubDate"));
        Assert.Contains(sample.Elements("category"), c => c.Value == "Phòng chống đuối nước");
    }

    [Fact]
    public async Task Atom_has_the_required_feed_and_entry_elements()
    {
        var (response, xml) = await XmlAsync("/tin-tuc/atom.xml");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var feed = xml.Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        foreach (var name in new[] { "id", "title", "updated" }) Assert.False(string.IsNullOrWhiteSpace((string?)feed.Element(Atom + name)), name);
        Assert.Contains(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self");
        foreach (var entry in feed.Elements(Atom + "entry"))
        {
            foreach (var name in new[] { "id", "title", "updated", "published" }) Assert.False(string.IsNullOrWhiteSpace((string?)entry.Element(Atom + name)), name);
            Assert.True(DateTimeOffset.TryParse((string?)entry.Element(Atom + "updated"), out _));
            Assert.StartsWith("http", (string?)entry.Element(Atom + "link")!.Attribute("href"));
        }
        Assert.Contains(feed.Elements(Atom + "entry"), e => (string?)e.Element(Atom + "title") == Tricky);
    }

    [Fact]
    public async Task Topic_feeds_carry_only_that_topic()
    {
        var (_, rss) = await XmlAsync("/chu-de/duoi-nuoc/rss.xml");
        var links = rss.Root!.Element("channel")!.Elements("item").Select(i => (string)i.Element("link")!).ToList();
        Assert.Equal(2, links.Count);
        Assert.All(links, l => Assert.Contains("/tin-tuc/", l));
        var (_, atom) = await XmlAsync("/chu-de/an-toan-mang/atom.xml");
        Assert.Equal([Tricky], atom.Root!.Elements(Atom + "entry").Select(e => (string)e.Element(Atom + "title")!).ToList());
    }

    [Fact]
    public async Task The_sitemap_becomes_an_index_past_its_page_size_and_the_pages_list_every_address_once()
    {
        var (_, index) = await XmlAsync("/sitemap.xml");
        Assert.Equal(Sm + "sitemapindex", index.Root!.Name);
        var pages = index.Root.Elements(Sm + "sitemap").Select(s => (string)s.Element(Sm + "loc")!).ToList();
        Assert.True(pages.Count >= 3, $"{pages.Count} sitemap pages");
        var all = new List<string>();
        for (var i = 1; i <= pages.Count; i++)
        {
            Assert.EndsWith($"/sitemap-{i}.xml", pages[i - 1]);
            var (_, page) = await XmlAsync($"/sitemap-{i}.xml");
            Assert.Equal(Sm + "urlset", page.Root!.Name);
            var urls = page.Root.Elements(Sm + "url").ToList();
            Assert.InRange(urls.Count, 1, 3);
            all.AddRange(urls.Select(u => (string)u.Element(Sm + "loc")!));
        }
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Contains(all, u => u.EndsWith(NewsPagesTests.SamplePath));
        Assert.Contains(all, u => new Uri(u).AbsolutePath == "/");
        Assert.Equal(HttpStatusCode.NotFound, (await site.Anonymous.GetAsync($"/sitemap-{pages.Count + 1}.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await site.Anonymous.GetAsync("/sitemap-0.xml")).StatusCode);
    }

    [Fact]
    public async Task Robots_keeps_crawlers_out_of_the_admin_and_names_the_sitemap()
    {
        var response = await site.Anonymous.GetAsync("/robots.txt");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("Disallow: /admin", text);
        Assert.Contains("Disallow: /preview/", text);
        Assert.Matches(@"(?m)^Sitemap: http://[^/]+/sitemap\.xml$", text);
    }
}

/// <summary>Under the protocol's 50,000 addresses the sitemap is one urlset; noindex items are left out.</summary>
public sealed class SmallSitemapTests : IAsyncLifetime
{
    private readonly ArticlesSite site = new();
    public Task InitializeAsync() => site.InitializeAsync();
    public Task DisposeAsync() => site.DisposeAsync();

    [Fact]
    public async Task A_small_site_has_one_urlset_without_noindex_items()
    {
        var hidden = await site.PublishArticleAsync("Bài ẩn khỏi công cụ tìm kiếm", ["an-toan-mang"]);
        await using (var scope = site.Factory.Services.CreateAsyncScope())
        {
            var contents = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ChildProtection.Core.Contents.IContentManager>(scope.ServiceProvider);
            var latest = (await contents.GetAsync(hidden.ContentItemId, ChildProtection.Core.Contents.VersionOptions.Latest))!;
            latest.Content["SeoPart"] = new System.Text.Json.Nodes.JsonObject { ["NoIndex"] = true };
            Assert.True((await contents.SaveAsync(latest, new() { Publish = true })).Succeeded);
        }
        var xml = XDocument.Parse(await site.Anonymous.GetStringAsync("/sitemap.xml"));
        Assert.Equal(XName.Get("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9"), xml.Root!.Name);
        var locs = xml.Root.Descendants().Where(e => e.Name.LocalName == "loc").Select(e => e.Value).ToList();
        Assert.Contains(locs, l => l.EndsWith(NewsPagesTests.SamplePath));
        Assert.DoesNotContain(locs, l => l.EndsWith("/" + hidden.Path));
        Assert.All(xml.Root.Elements().Where(e => e.Element(XName.Get("lastmod", "http://www.sitemaps.org/schemas/sitemap/0.9")) is { } m),
            e => Assert.True(DateTimeOffset.TryParse(e.Element(XName.Get("lastmod", "http://www.sitemaps.org/schemas/sitemap/0.9"))!.Value, out _)));
    }
}
