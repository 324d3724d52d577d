using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ChildProtection.Articles.Tests;

/// <summary>
/// What "nothing executes" means for a page as the browser will parse it: no script but the site's own
/// files and JSON data blocks, no event-handler attributes, no javascript:/vbscript:/data: addresses, no
/// frames, objects, embeds, base, refresh, SVG or MathML, no style that runs code.
/// </summary>
public static class PageSafety
{
    private static readonly string[] ForbiddenElements = ["iframe", "frame", "frameset", "object", "embed", "base", "applet", "svg", "math", "template", "marquee"];
    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "xlink:href", "background", "data", "poster", "srcset", "codebase", "cite", "dynsrc", "lowsrc"];

    public static void AssertInert(string html, string where, bool allowForms = false)
    {
        var doc = new HtmlParser().ParseDocument(html);
        foreach (var element in doc.All)
        {
            var name = element.LocalName;
            Assert.False(ForbiddenElements.Contains(name), $"{where}: <{name}> in {Snippet(element)}");
            if (name == "script")
            {
                var type = element.GetAttribute("type");
                // Data blocks (the article's JSON-LD, the admin editor's words) are never executed by a
                // browser; they must still be well-formed JSON, so a payload cannot have broken out of one.
                if (type is "application/ld+json" or "application/json")
                {
                    JsonDocument.Parse(element.TextContent).Dispose();
                    continue;
                }
                var src = element.GetAttribute("src") ?? "";
                Assert.True(src.StartsWith('/') && !src.StartsWith("//") && element.TextContent.Trim().Length == 0, $"{where}: script {Snippet(element)}");
            }
            if (name == "meta") Assert.Null(element.GetAttribute("http-equiv") is { } eq && eq.Equals("refresh", StringComparison.OrdinalIgnoreCase) ? eq : null);
            if (name == "style") Assert.Fail($"{where}: <style> element {Snippet(element)}");
            if (name == "link")
            {
                var href = element.GetAttribute("href") ?? "";
                Assert.True(href.StartsWith('/') || href.StartsWith("http://localhost") || href == "data:,", $"{where}: link {Snippet(element)}");
            }
            if (name is "form" or "input" or "button" or "textarea" or "select" && !allowForms)
                Assert.True(element.Closest(".prose, .lead, .document, .byline, .summary") is null, $"{where}: form control inside content {Snippet(element)}");
            foreach (var attribute in element.Attributes)
            {
                var attr = attribute.Name.ToLowerInvariant();
                Assert.False(attr.StartsWith("on"), $"{where}: event handler {attr} on {Snippet(element)}");
                if (attr == "srcdoc") Assert.Fail($"{where}: srcdoc on {Snippet(element)}");
                if (UrlAttributes.Contains(attr))
                {
                    var value = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
                    Assert.False(value.StartsWith("javascript:") || value.StartsWith("vbscript:") || (value.StartsWith("data:") && value != "data:,") || value.Contains(",javascript:"),
                        $"{where}: {attr}=\"{attribute.Value}\" on {Snippet(element)}");
                }
                if (attr == "style")
                {
                    var style = attribute.Value.ToLowerInvariant();
                    Assert.False(style.Contains("expression") || style.Contains("javascript:") || style.Contains("url(") || style.Contains("behavior"), $"{where}: style=\"{attribute.Value}\"");
                }
            }
        }
    }

    private static string Snippet(IElement element)
    {
        var outer = element.OuterHtml;
        return outer.Length > 200 ? outer[..200] : outer;
    }
}
