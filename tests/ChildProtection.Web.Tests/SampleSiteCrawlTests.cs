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
    public async Task Every_public_address_of_the_sample_site_answers()
    {
        using var visitor = site.Factory.CreateSiteClient();
        var crawler = new SiteCrawler(visitor.Http);
        await crawler.CrawlAsync("/", "/sitemap.xml", "/robots.txt", "/login");
        foreach (var kind in crawler.Fetched.GroupBy(f => f.Value).OrderByDescending(g => g.Count()))
            output.WriteLine($"{kind.Count(),5} {kind.Key}");

        Assert.True(crawler.Broken.Count == 0, $"{crawler.Broken.Count} broken address(es):\n{crawler.Report()}");
        // The crawl reached every kind of target the sample shows, not just pages.
        var fetched = crawler.Fetched;
        Assert.Contains(fetched, f => f.Value == "application/zip" && f.Key.StartsWith("/bo-tai-lieu/", StringComparison.Ordinal));
        Assert.Contains(fetched, f => f.Value == "application/pdf");
        Assert.Contains(fetched, f => f.Value == "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        Assert.Contains(fetched, f => f.Value == "text/calendar");
        Assert.Contains(fetched, f => f.Value == "image/svg+xml" && f.Key.StartsWith("/qr/", StringComparison.Ordinal));
        Assert.Contains(fetched, f => f.Value is "image/webp" or "image/jpeg" or "image/png" && f.Key.StartsWith("/media/", StringComparison.Ordinal));
        Assert.Contains(fetched, f => f.Value is "application/rss+xml" or "application/atom+xml");
        Assert.Contains("/login", fetched.Keys);
    }
}
