using System.Net;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Articles.Tests;

/// <summary>
/// Anonymous public pages come from the output cache (a hit carries an Age header) and are evicted the
/// moment what they show is published, changed or unpublished, or a site setting changes; a signed-in
/// editor always gets the live page.
/// </summary>
public sealed class PublicPageCacheTests(PublicPageCacheTests.Site site) : IClassFixture<PublicPageCacheTests.Site>
{
    public sealed class Site : ArticlesSite;

    private async Task<HttpResponseMessage> AnonymousAsync(string url) => await site.Anonymous.GetAsync(url);

    private static bool FromCache(HttpResponseMessage response) => response.Headers.Age is not null;

    [Fact]
    public async Task An_article_page_is_cached_and_a_new_version_or_unpublishing_shows_at_once()
    {
        var item = await site.PublishArticleAsync("Bộ nhớ đệm: bài thử nghiệm", ["an-toan-mang"], body: "<p>Phiên bản một</p>");
        var path = "/" + item.Path;
        var first = await AnonymousAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(FromCache(first));
        var second = await AnonymousAsync(path);
        Assert.True(FromCache(second), "the second anonymous request should be a cache hit");
        Assert.Contains("Phiên bản một", await second.Content.ReadAsStringAsync());

        await using (var scope = site.Factory.Services.CreateAsyncScope())
        {
            var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
            var latest = (await contents.GetAsync(item.ContentItemId, VersionOptions.Latest))!;
            latest.Content["BodyPart"]!["Html"] = "<p>Phiên bản hai</p>";
            Assert.True((await contents.SaveAsync(latest, new SaveOptions { Publish = true, User = "quantri" })).Succeeded);
        }
        var changed = await AnonymousAsync(path);
        Assert.False(FromCache(changed));
        Assert.Contains("Phiên bản hai", await changed.Content.ReadAsStringAsync());

        await using (var scope = site.Factory.Services.CreateAsyncScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<IContentManager>().UnpublishAsync(item.ContentItemId, "quantri"));
        Assert.Equal(HttpStatusCode.NotFound, (await AnonymousAsync(path)).StatusCode);
    }

    [Fact]
    public async Task The_news_list_and_topic_page_show_a_new_article_at_once()
    {
        await AnonymousAsync("/tin-tuc");
        await AnonymousAsync("/chu-de/duoi-nuoc");
        Assert.True(FromCache(await AnonymousAsync("/tin-tuc")));
        Assert.True(FromCache(await AnonymousAsync("/chu-de/duoi-nuoc")));

        await site.PublishArticleAsync("Bộ nhớ đệm: tin mới về đuối nước", ["duoi-nuoc"]);
        var list = await AnonymousAsync("/tin-tuc");
        Assert.Contains("Bộ nhớ đệm: tin mới về đuối nước", await list.Content.ReadAsStringAsync());
        Assert.Contains("Bộ nhớ đệm: tin mới về đuối nước", await (await AnonymousAsync("/chu-de/duoi-nuoc")).Content.ReadAsStringAsync());
        Assert.Contains("Bộ nhớ đệm: tin mới về đuối nước", await (await AnonymousAsync("/tin-tuc/rss.xml")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_new_site_name_shows_on_cached_pages_at_once()
    {
        await AnonymousAsync("/tin-tuc?trang=1");
        Assert.True(FromCache(await AnonymousAsync("/tin-tuc?trang=1")));
        await using (var scope = site.Factory.Services.CreateAsyncScope())
        {
            var settings = scope.ServiceProvider.GetRequiredService<ISiteSettingsService>();
            var renamed = (await settings.GetAsync()).Clone();
            renamed.SiteName = "Cổng bảo vệ trẻ em (đổi tên)";
            await settings.SaveAsync(renamed);
        }
        Assert.Contains("Cổng bảo vệ trẻ em (đổi tên)", await (await AnonymousAsync("/tin-tuc?trang=1")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_signed_in_editor_is_never_served_a_cached_page()
    {
        await AnonymousAsync("/tin-tuc?chu-de=an-toan-mang");
        Assert.True(FromCache(await AnonymousAsync("/tin-tuc?chu-de=an-toan-mang")));
        var signedIn = await site.Admin.Http.GetAsync("/tin-tuc?chu-de=an-toan-mang");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.False(FromCache(signedIn));
        Assert.False(FromCache(await site.Admin.Http.GetAsync("/tin-tuc?chu-de=an-toan-mang")));
    }

    [Fact]
    public async Task Different_query_strings_are_different_pages()
    {
        var one = await (await AnonymousAsync("/tin-tuc?trang=1")).Content.ReadAsStringAsync();
        var two = await (await AnonymousAsync("/tin-tuc?chu-de=duoi-nuoc")).Content.ReadAsStringAsync();
        Assert.NotEqual(one, two);
    }
}
