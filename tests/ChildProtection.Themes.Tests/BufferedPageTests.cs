using System.Text;
using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Themes.Public;
using ChildProtection.Themes.Rendering;
using ChildProtection.Themes.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace ChildProtection.Themes.Tests;

/// <summary>
/// A page rendered into pooled buffers (the public pages' path since issue 15) must reach the response byte for byte
/// as the string path renders it: the body copied into the layout, a character split between two buffer pieces
/// kept whole, a HEAD request told the same length, and a template that treats the body as text still served.
/// </summary>
public sealed class BufferedPageTests
{
    private const string LayoutTemplate =
        "<html><title>{{ Page.Title }}</title>{% for l in Menu %}<a href=\"{{ l.Url }}\">{{ l.Text }}</a>{% endfor %}<main>{{ Body | raw }}</main>" +
        "<p>{{ Body | size }}</p>{{ Model.Content.TitlePart.Title }}|{{ Campaign.Status }}|{% for e in Campaign.Events %}[{{ e.Title }}]{% endfor %}</html>";

    private static ContentItem Item() => new()
    {
        ContentItemId = "c1",
        ContentType = "Page",
        DisplayText = "Chiến dịch",
        Path = "chien-dich/he",
        Content = JsonNode.Parse("""{ "TitlePart": { "Title": "Hè an toàn" }, "BodyPart": { "Html": "<p>Đã làm sạch</p>" } }""")!.AsObject(),
    };

    [Fact]
    public async Task A_buffered_page_sends_the_same_bytes_as_the_string_render()
    {
        using var themes = new ThemeFolder();
        // Long enough to span several buffer pieces; the emoji (a surrogate pair) lands on piece boundaries somewhere.
        var repeat = string.Concat(Enumerable.Repeat("{{ Model.Content.TitlePart.Title }} đuối nước 🌊 ", 2500));
        themes.AddTheme("T").Write("T", "Layout.liquid", LayoutTemplate)
            .Write("T", "Content.liquid", "<h1>{{ Model.Content.TitlePart.Title }}</h1>{{ Model.Content.BodyPart.Html | raw }}" + repeat);
        var scope = themes.Scope("T");
        var page = new PageView { Title = "Tiêu đề <b>", Path = "/chien-dich/he" };
        MenuLinkView[] menu = [new() { Text = "Trang chủ", Url = "/" }];
        var item = Item();

        var bodyText = await themes.Renderer.RenderContentAsync(scope, item, "Detail");
        var expected = await themes.Renderer.RenderLayoutAsync(scope, page, menu, bodyText, item);

        using var body = await themes.Renderer.RenderContentHtmlAsync(scope, item, "Detail");
        Assert.Equal(bodyText, body.ToString());
        using var html = await themes.Renderer.RenderLayoutHtmlAsync(scope, page, menu, body, item);
        Assert.Equal(expected, html.ToString());

        var get = await SendAsync(html, HttpMethods.Get);
        Assert.Equal(Encoding.UTF8.GetBytes(expected), get.Body);
        Assert.Equal("text/html; charset=utf-8", get.ContentType);
        var head = await SendAsync(html, HttpMethods.Head);
        Assert.Empty(head.Body);
        Assert.Equal(Encoding.UTF8.GetByteCount(expected), head.ContentLength);
    }

    [Fact]
    public async Task Module_values_and_parts_read_the_same_through_the_direct_wrapping()
    {
        using var themes = new ThemeFolder();
        themes.AddTheme("T").Write("T", "Layout.liquid", LayoutTemplate);
        var scope = themes.Scope("T");
        var values = new Dictionary<string, object?>
        {
            ["Status"] = "Đang diễn ra",
            ["Events"] = new List<object?> { new Dictionary<string, object?> { ["Title"] = "Tập huấn" }, new Dictionary<string, object?> { ["Title"] = "Diễn đàn" } },
        };
        var context = new PageView { Title = "T", Path = "/" };

        var html = await themes.Renderer.RenderLayoutAsync(scope, context, [], "<p>x</p>", Item());
        Assert.Contains("Hè an toàn||</html>", html);

        var named = await themes.Renderer.RenderNamedAsync(scope, "Layout", new Dictionary<string, object?>
        {
            ["Page"] = context, ["Menu"] = Array.Empty<MenuLinkView>(), ["Body"] = "b", ["Model"] = Item(), ["Campaign"] = values,
        });
        Assert.EndsWith("Hè an toàn|Đang diễn ra|[Tập huấn][Diễn đàn]</html>", named);
    }

    private static async Task<(byte[] Body, string? ContentType, long? ContentLength)> SendAsync(RenderedHtml html, string method)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        using var stream = new MemoryStream();
        http.Response.Body = stream;
        await ThemedPage.SendAsync(http, html, StatusCodes.Status200OK, noIndex: false);
        return (stream.ToArray(), http.Response.ContentType, http.Response.ContentLength);
    }
}
