using Xunit;
using Xunit.Abstractions;

namespace ChildProtection.Web.Tests;

/// <summary>
/// A fresh site set up through the setup screen with the sample recipe, crawled as a visitor would click
/// through it: every public address reachable from the home page and the sitemap must answer.
/// </summary>
public sealed class SampleSiteCrawlTests(SetUpSite site, ITestOutputHelper output) : IClassFixture<SetUpSite>
{
    [Fact]
    public async Task Every_public_address_of_the_sample_site_answers() => await CrawlAsync(site.Factory, output);

    /// <summary>Crawls the site from the home page, the sitemap, robots.txt and the sign-in page; fails listing each broken address.</summary>
    internal static async Task CrawlAsync(SiteFactory factory, ITestOutputHelper output)
    {
        using var visitor = factory.CreateSiteClient();
        var crawler = new SiteCrawler(visitor.Http);
        await crawler.CrawlAsync("/", "/sitemap.xml", "/robots.txt", "/login");
        foreach (var kind in crawler.Fetched.GroupBy(f => f.Value).OrderByDescending(g => g.Count()))
            output.WriteLine($"{kind.Count(),5} {kind.Key}");

        Assert.True(crawler.Broken.Count == 0, $"{crawler.Broken.Count} broken address(es):\n{crawler.Report()}");
        // The crawl reached every kind of target the sample shows, not just pages.
        var fetched = crawler.Fetched;
        Assert.Equal(2, fetched.Count(f => f.Value == "application/zip" && f.Key.StartsWith("/bo-tai-lieu/", StringComparison.Ordinal)));
        Assert.True(fetched.Count(f => f.Value == "application/pdf") >= 5, "the posters, handbook and leaflet PDFs");
        Assert.Contains(fetched, f => f.Value == "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        Assert.Contains(fetched, f => f.Value == "text/calendar");
        Assert.Contains(fetched, f => f.Value == "image/svg+xml" && f.Key.StartsWith("/qr/", StringComparison.Ordinal));
        Assert.Contains(fetched, f => f.Value == "image/png" && f.Key.StartsWith("/qr/", StringComparison.Ordinal));
        Assert.Contains(fetched, f => f.Value is "image/webp" or "image/jpeg" or "image/png" && f.Key.StartsWith("/media/", StringComparison.Ordinal));
        Assert.Contains(fetched, f => f.Value is "application/rss+xml" or "application/atom+xml");
        Assert.Contains("/login", fetched.Keys);
    }

    // The recipe's media ids (recipes/childprotection.recipe.json, Media step).
    private const string DrowningHero = "vg7cb55r9g1zavnbkz2f2frxdz";
    private const string SummerArticleImage = "w7avbzgsap0wh82n553cryqjw1";
    private const string DispatchArticleImage = "fj37r0kb6yjq385869dny7hr42";
    private const string ActionMonthHero = "mqc27qpbenmb74gf6dp21bv0xc";

    [Fact]
    public async Task The_sample_shows_pictures_on_the_home_page_campaigns_and_articles_and_every_resource_has_files_and_a_cover()
    {
        using var visitor = site.Factory.CreateSiteClient();
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        var home = parser.ParseDocument(await visitor.GetStringAsync("/"));
        var homeImages = home.QuerySelectorAll("main img").Select(i => i.GetAttribute("src") ?? "").ToList();
        // The running campaign's hero, the news' featured images and the material's covers.
        Assert.Contains(homeImages, src => src.StartsWith($"/media/{DrowningHero}/", StringComparison.Ordinal));
        Assert.Contains(homeImages, src => src.StartsWith($"/media/{SummerArticleImage}/", StringComparison.Ordinal));
        Assert.Contains(homeImages, src => src.StartsWith($"/media/{DispatchArticleImage}/", StringComparison.Ordinal));
        Assert.True(home.QuerySelectorAll("main .library-card img.library-cover").Length >= 4, "the home page shows the newest material with covers:\n" + home.QuerySelector("main")?.OuterHtml);

        var campaign = parser.ParseDocument(await visitor.GetStringAsync("/chien-dich/thang-hanh-dong-vi-tre-em-2024"));
        var hero = campaign.QuerySelectorAll("main img").FirstOrDefault(i => (i.GetAttribute("src") ?? "").StartsWith($"/media/{ActionMonthHero}/", StringComparison.Ordinal));
        Assert.NotNull(hero);
        Assert.Contains("bóng bay", hero.GetAttribute("alt"));
        Assert.Contains("/bo-tai-lieu/campaignjune2024.zip", campaign.DocumentElement.OuterHtml);

        var library = parser.ParseDocument(await visitor.GetStringAsync("/thu-vien"));
        var cards = library.QuerySelectorAll(".library-card").ToList();
        Assert.True(cards.Count >= 6, $"{cards.Count} resources in the sample library");
        var kinds = cards.Select(c => c.QuerySelector(".meta")?.TextContent ?? "").ToList();
        foreach (var kind in new[] { "Áp phích", "Sổ tay", "Tờ rơi", "Tài liệu khác" }) Assert.Contains(kinds, k => k.StartsWith(kind, StringComparison.Ordinal));
        foreach (var card in cards)
        {
            Assert.NotNull(card.QuerySelector("img.library-cover"));
            var url = card.QuerySelector("a.library-card-link")!.GetAttribute("href")!;
            var page = await visitor.GetStringAsync(url);
            Assert.DoesNotContain("chưa có tệp", page);
            Assert.Contains("/tai-ve/", page);
        }
    }
}

/// <summary>A site set up by <c>UnattendedSetup</c> (the <c>Setup:*</c> values) on its first start, once per class.</summary>
public sealed class UnattendedSite : IAsyncLifetime
{
    public SiteFactory Factory { get; } = new();

    public async Task InitializeAsync()
    {
        Factory.Settings["Setup:AdminUserName"] = SiteFactory.AdminUser;
        Factory.Settings["Setup:AdminPassword"] = SiteFactory.AdminPassword;
        Factory.Settings["Setup:AdminEmail"] = "quantri@example.org";
        using var http = Factory.CreateClient(new() { AllowAutoRedirect = false });
        // The setup runs as the site starts; the home page answers 200 (not the setup screen) once it is done.
        for (var attempt = 0; attempt < 240; attempt++)
        {
            if ((await http.GetAsync("/")).StatusCode == System.Net.HttpStatusCode.OK) return;
            await Task.Delay(250);
        }
        throw new TimeoutException("The unattended setup did not finish.");
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The unattended setup ships the same sample: the same crawl finds nothing broken and reaches every kind of file.</summary>
public sealed class UnattendedSampleSiteCrawlTests(UnattendedSite site, ITestOutputHelper output) : IClassFixture<UnattendedSite>
{
    [Fact]
    public async Task Every_public_address_of_the_unattended_sample_site_answers() => await SampleSiteCrawlTests.CrawlAsync(site.Factory, output);
}
