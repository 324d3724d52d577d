using System.Net;
using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Themes.Tests.Infrastructure;

namespace ChildProtection.Themes.Tests;

/// <summary>The public site over real HTTP: the shipped theme, published content only, redirects and 404s.</summary>
public sealed class PublicPagesTests : IAsyncLifetime
{
    private ThemesSite site = null!;

    public async Task InitializeAsync()
    {
        site = await ThemesSite.StartAsync();
        await site.ApplyAsync(TestContent.Types);
        await site.ApplyAsync(TestContent.Site);
    }

    public async Task DisposeAsync() => await site.DisposeAsync();

    [Fact]
    public async Task Home_shows_the_home_item_in_the_layout_with_menu_hotline_and_language()
    {
        var response = await site.Client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<html lang=\"vi\">", html);
        Assert.Contains("<title>Bảo vệ trẻ em</title>", html);
        Assert.Contains("<h1>Vì một thành phố an toàn cho trẻ em</h1>", html);
        Assert.Contains("<p>Cổng thông tin <strong>bảo vệ trẻ em</strong>.</p>", html);
        Assert.Contains("href=\"tel:111\"", html);
        Assert.Contains("<a href=\"/\" aria-current=\"page\">Trang chủ</a>", html);
        Assert.Contains("<a href=\"/gioi-thieu\">Giới thiệu</a>", html);
        Assert.Contains("<meta name=\"description\" content=\"Tin tức và tài liệu về bảo vệ trẻ em.\">", html);
        Assert.Contains($"<link rel=\"canonical\" href=\"{site.Client.BaseAddress!.GetLeftPart(UriPartial.Authority)}/\">", html);
        Assert.Contains("href=\"#noi-dung\"", html);
        Assert.Contains("<main id=\"noi-dung\"", html);
        Assert.DoesNotContain("style=", html);
        ChildProtection.Testing.PageScripts.AssertOnlyOwn(html);
    }

    [Fact]
    public async Task An_item_is_found_by_its_path_with_seo_title_and_noindex()
    {
        var html = await site.Client.GetStringAsync("/gioi-thieu");

        Assert.Contains("<title>Về chúng tôi – Bảo vệ trẻ em</title>", html);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\">", html);
        Assert.Contains("<a href=\"/gioi-thieu\" aria-current=\"page\">Giới thiệu</a>", html);
        Assert.Contains("<p>Phòng chống đuối nước</p>", html);
    }

    [Fact]
    public async Task An_article_is_encoded_and_shows_its_dates_the_vietnamese_way()
    {
        var html = await site.Client.GetStringAsync("/tin-tuc/nhiem-vu-2024");

        Assert.Contains("Triển khai nhiệm vụ &lt;script&gt;alert(1)&lt;/script&gt; năm 2024", html);
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.Contains(">04/04/2024 12:44</time>", html);
        Assert.Contains("2869/UBND-LĐTBXH", html);
        Assert.Contains(">03/04/2024</time>", html);
    }

    [Fact]
    public async Task Drafts_and_unknown_paths_get_the_themed_404()
    {
        foreach (var path in new[] { "/ban-nhap", "/khong-co-trang-nay", "/admin/khong-co" })
        {
            var response = await site.Client.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("<h1>Không tìm thấy trang</h1>", html);
            Assert.Contains("href=\"tel:111\"", html);
            Assert.DoesNotContain("Chưa đăng", html);
        }
    }

    [Fact]
    public async Task An_old_path_answers_301_to_the_new_one()
    {
        var about = await site.ContentAsync(c => c.GetAsync("about", VersionOptions.Latest));
        var draft = about!.CloneAsNewVersion();
        draft.Content["RoutePart"] = new JsonObject { ["Path"] = "ve-chung-toi" };
        var saved = await site.ContentAsync(c => c.SaveAsync(draft, new SaveOptions { Publish = true, User = "editor" }));
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Format())));

        var response = await site.Client.GetAsync("/gioi-thieu?x=1");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/ve-chung-toi?x=1", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await site.Client.GetAsync("/ve-chung-toi")).StatusCode);
    }

    [Fact]
    public async Task The_menu_follows_a_newly_published_menu()
    {
        Assert.Contains("Giới thiệu</a>", await site.Client.GetStringAsync("/"));
        var menu = await site.ContentAsync(c => c.GetAsync("menumain", VersionOptions.Latest));
        var next = menu!.CloneAsNewVersion();
        next.Content["MenuPart"] = JsonNode.Parse("""{ "Alias": "main", "Items": [ { "Text": "Tin tức mới", "Url": "/tin-tuc/nhiem-vu-2024" } ] }""");
        var saved = await site.ContentAsync(c => c.SaveAsync(next, new SaveOptions { Publish = true, User = "editor" }));
        Assert.True(saved.Succeeded);

        var html = await site.Client.GetStringAsync("/");

        Assert.Contains("<a href=\"/tin-tuc/nhiem-vu-2024\">Tin tức mới</a>", html);
        Assert.DoesNotContain(">Giới thiệu</a>", html);
    }

    [Fact]
    public async Task Theme_assets_are_served_with_a_long_cache_and_templates_are_not()
    {
        var home = await site.Client.GetStringAsync("/");
        var css = System.Text.RegularExpressions.Regex.Match(home, "href=\"(/themes/ChildProtection/css/site.css\\?v=[0-9a-f]+)\"").Groups[1].Value;
        Assert.NotEmpty(css);

        var response = await site.Client.GetAsync(css);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl!.ToString());

        foreach (var path in new[] { "/themes/ChildProtection/Layout.liquid", "/themes/ChildProtection/theme.json", "/themes/ChildProtection/../ChildProtection/theme.json", "/themes/ChildProtection/css/none.css" })
            Assert.Equal(HttpStatusCode.NotFound, (await site.Client.GetAsync(path)).StatusCode);
    }
}
