using System.Net;
using ChildProtection.Themes.Catalog;
using ChildProtection.Themes.Tests.Infrastructure;

namespace ChildProtection.Themes.Tests;

public sealed class HomeFallbackTests
{
    [Fact]
    public async Task Without_a_home_item_the_home_page_lists_the_latest_published_items_with_an_address()
    {
        await using var site = await ThemesSite.StartAsync();
        await site.ApplyAsync(TestContent.Types);
        // The site recipe without its Settings step: no home item.
        await site.ApplyAsync(TestContent.Site.Replace("""{ "name": "Settings", "SiteName": "Bảo vệ trẻ em", "HomeContentItemId": "home" },""", ""));

        var response = await site.Client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Tin mới nhất</h1>", html);
        Assert.Contains("<a href=\"/tin-tuc/nhiem-vu-2024\">Triển khai nhiệm vụ &lt;script&gt;alert(1)&lt;/script&gt; năm 2024</a>", html);
        Assert.Contains("<a href=\"/gioi-thieu\">Giới thiệu</a></h2>", html);
        // Drafts never, and items without an address (the menu) are not listed.
        Assert.DoesNotContain("Bản nháp", html);
        Assert.DoesNotContain("<h2 class=\"summary-title\">Trình đơn chính", html);
    }

    [Fact]
    public void A_removed_active_theme_falls_back_to_the_default_theme()
    {
        using var themes = new ThemeFolder();
        themes.AddTheme(ThemeCatalog.DefaultTheme).Write(ThemeCatalog.DefaultTheme, "Content.liquid", "x");

        Assert.Equal(ThemeCatalog.DefaultTheme, themes.Renderer.ResolveActive("Removed").Theme.Name);
        Assert.Equal(ThemeCatalog.DefaultTheme, themes.Renderer.ResolveActive("../etc").Theme.Name);
    }
}
