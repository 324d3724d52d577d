using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Modules;
using ChildProtection.Themes.Catalog;
using ChildProtection.Themes.Liquid;
using ChildProtection.Themes.Rendering;
using ChildProtection.Themes.Tests.Infrastructure;
using Fluid;

namespace ChildProtection.Themes.Tests;

public sealed class RenderingTests
{
    private static ContentItem Item(string type, string parts) => new()
    {
        ContentItemId = "x1",
        ContentType = type,
        DisplayText = "Hiển thị",
        Path = "tin-tuc/x",
        PublishedUtc = new DateTime(2024, 4, 4, 5, 44, 0, DateTimeKind.Utc),
        Content = JsonNode.Parse(parts)!.AsObject(),
    };

    [Fact]
    public async Task Nested_json_parts_render_their_values()
    {
        using var themes = new ThemeFolder();
        themes.AddTheme("T").Write("T", "Content.liquid",
            "{{ Model.Content.TitlePart.Title }}|{{ Model.Content.OfficialDocumentPart.Recipients[1] }}|{{ Model.Content.OfficialDocumentPart.Recipients.size }}|" +
            "{% for r in Model.Content.OfficialDocumentPart.Recipients %}[{{ r }}]{% endfor %}|{{ Model.Content.Article.Count | plus: 1 }}|" +
            "{% if Model.Content.SeoPart.NoIndex %}noindex{% endif %}|{{ Model.ContentType }}|{{ Url }}|{{ Site.Hotline }}|{{ Theme.AssetBase }}");
        var item = Item("Article", """
            { "TitlePart": { "Title": "Tiêu đề" },
              "OfficialDocumentPart": { "Recipients": ["Phòng A", "Phường B"] },
              "Article": { "Count": 2 }, "SeoPart": { "NoIndex": true } }
            """);

        var html = await themes.Renderer.RenderContentAsync(themes.Scope("T"), item, "Detail");

        Assert.Equal("Tiêu đề|Phường B|2|[Phòng A][Phường B]|3|noindex|Article|/tin-tuc/x|111|/themes/T", html);
    }

    [Fact]
    public async Task Text_is_encoded_diacritics_stay_and_sanitised_body_is_raw()
    {
        using var themes = new ThemeFolder();
        themes.AddTheme("T").Write("T", "Content.liquid", "<h1>{{ Model.Content.TitlePart.Title }}</h1>{{ Model.Content.BodyPart.Html | raw }}");
        var item = Item("Page", """{ "TitlePart": { "Title": "Phòng chống đuối nước <script>alert('x')</script> & “an toàn”" }, "BodyPart": { "Html": "<p>Đã <em>làm sạch</em></p>" } }""");

        var html = await themes.Renderer.RenderContentAsync(themes.Scope("T"), item, "Detail");

        Assert.Equal("<h1>Phòng chống đuối nước &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; “an toàn”</h1><p>Đã <em>làm sạch</em></p>", html);
        Assert.DoesNotContain("&#x", html.Replace("&#x27;", ""));
    }

    [Fact]
    public async Task Layout_wraps_the_body_with_site_page_and_menu()
    {
        using var themes = new ThemeFolder();
        themes.AddTheme("T").Write("T", "Layout.liquid",
            "<html lang=\"{{ Site.Language }}\"><title>{{ Page.Title }}</title>{% for l in Menu %}<a href=\"{{ l.Url }}\"{% if l.Current %} aria-current=\"page\"{% endif %}>{{ l.Text }}</a>{% endfor %}<main>{{ Body | raw }}</main>{{ Model.Content.TitlePart.Title }}</html>");
        var scope = themes.Scope("T");
        var page = new PageView { Title = "Giới thiệu <b>", Path = "/gioi-thieu" };
        MenuLinkView[] menu = [new() { Text = "Trang chủ", Url = "/" }, new() { Text = "Giới thiệu", Url = "/gioi-thieu", Current = true }];
        var item = Item("Page", """{ "TitlePart": { "Title": "Tựa" } }""");

        var html = await themes.Renderer.RenderLayoutAsync(scope, page, menu, "<p>thân</p>", item);

        Assert.Equal("<html lang=\"vi\"><title>Giới thiệu &lt;b&gt;</title><a href=\"/\">Trang chủ</a><a href=\"/gioi-thieu\" aria-current=\"page\">Giới thiệu</a><main><p>thân</p></main>Tựa</html>", html);
    }

    [Fact]
    public async Task Display_filter_renders_another_item_through_its_summary_template()
    {
        using var themes = new ThemeFolder();
        themes.AddTheme("T")
            .Write("T", "Home.liquid", "<ul>{% for item in Items %}<li>{{ item | display: \"Summary\" }}</li>{% endfor %}</ul>")
            .Write("T", "Content.Summary.liquid", "<a href=\"{{ Url }}\">{{ Model.Content.TitlePart.Title }}</a>");
        var items = new List<ContentItem> { Item("Article", """{ "TitlePart": { "Title": "Bài <1>" } }""") };

        var html = await themes.Renderer.RenderNamedAsync(themes.Scope("T"), TemplateNames.Home, new Dictionary<string, object?> { ["Items"] = items });

        Assert.Equal("<ul><li><a href=\"/tin-tuc/x\">Bài &lt;1&gt;</a></li></ul>", html);
    }

    [Fact]
    public async Task Asset_urls_carry_the_file_version()
    {
        using var themes = new ThemeFolder();
        themes.AddTheme("T").Write("T", "wwwroot/css/site.css", "body{}").Write("T", "Content.liquid", "{{ \"css/site.css\" | asset_url }}");

        var html = await themes.Renderer.RenderContentAsync(themes.Scope("T"), Item("Page", "{}"), "Detail");

        Assert.Matches("^/themes/T/css/site.css\\?v=[0-9a-f]+$", html);
    }

    [Fact]
    public async Task The_shipped_theme_shows_an_article_with_its_official_document()
    {
        var catalog = new ThemeCatalog(ProjectLayout.FindFolder("themes", AppContext.BaseDirectory));
        var renderer = new ThemeRenderer(catalog, new TemplateFileCache(new FluidParser()));
        var scope = new RenderScope
        {
            Theme = renderer.FindTheme(ThemeCatalog.DefaultTheme)!,
            Site = new SiteView { Name = "Bảo vệ trẻ em" },
            TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"),
        };
        var item = Item("Article", """
            { "TitlePart": { "Title": "Triển khai nhiệm vụ năm 2024" }, "SummaryPart": { "Summary": "Tóm tắt" },
              "BodyPart": { "Html": "<p>Nội dung</p>" },
              "OfficialDocumentPart": { "Issuer": "Ủy ban nhân dân thành phố", "NumberAndSymbol": "2869/UBND-LĐTBXH", "DocumentType": "Công văn",
                "IssuedDate": "2024-04-03", "IssuedPlace": "Thành phố", "SignerTitle": "Phó Chủ tịch", "SignerName": "Nguyễn Văn A",
                "Recipients": ["Phòng Lao động – Thương binh và Xã hội", "Các phường, xã"] } }
            """);

        var html = await renderer.RenderContentAsync(scope, item, "Detail");

        Assert.Contains("<h1>Triển khai nhiệm vụ năm 2024</h1>", html);
        Assert.Contains(">04/04/2024 12:44</time>", html);
        Assert.Contains("2869/UBND-LĐTBXH", html);
        Assert.Contains("Ủy ban nhân dân thành phố", html);
        Assert.Contains("<time datetime=\"2024-04-03\">03/04/2024</time>", html);
        Assert.Contains("Phó Chủ tịch: Nguyễn Văn A", html);
        Assert.Contains("<li>Phòng Lao động – Thương binh và Xã hội</li>", html);
        Assert.Contains("<p>Nội dung</p>", html);

        // Without a number the document block is left out, and empty parts leave no empty elements.
        item.Content["OfficialDocumentPart"]!["NumberAndSymbol"] = "";
        item.Content["SummaryPart"]!["Summary"] = "";
        var bare = await renderer.RenderContentAsync(scope, item, "Detail");
        Assert.DoesNotContain("Nơi nhận", bare);
        Assert.DoesNotContain("class=\"lead\"", bare);
    }
}
