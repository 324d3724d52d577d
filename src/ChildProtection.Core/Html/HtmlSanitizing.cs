using Ganss.Xss;
using Markdig;

namespace ChildProtection.Core.Html;

/// <summary>
/// Every HTML body is cleaned on the way in with an allow-list: no script, no event handlers, no
/// <c>javascript:</c> or <c>data:</c> links, no style, no frames. External links open safely.
/// </summary>
public interface IHtmlSanitizing
{
    string Sanitize(string? html);
    string MarkdownToHtml(string? markdown);
}

internal sealed class HtmlSanitizing : IHtmlSanitizing
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder()
        .UsePipeTables().UseAutoLinks().UseEmphasisExtras().DisableHtml().Build();

    private readonly HtmlSanitizer sanitizer;

    public HtmlSanitizing()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "sub", "sup", "mark",
                "small", "blockquote", "q", "cite", "code", "pre", "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "figure",
                "figcaption", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "span", "div", "abbr", "time",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "href", "title", "alt", "src", "width", "height", "colspan", "rowspan", "scope", "lang", "datetime", "class", "srcset", "sizes", "loading",
            },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto", "tel" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src", "srcset" },
            AllowedCssProperties = new HashSet<string>(),
        };
        sanitizer = new HtmlSanitizer(options);
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } a)
            {
                var href = a.GetAttribute("href") ?? "";
                if (href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                {
                    a.SetAttribute("rel", "noopener noreferrer");
                }
            }
        };
    }

    public string Sanitize(string? html) => string.IsNullOrEmpty(html) ? "" : sanitizer.Sanitize(html).Trim();

    public string MarkdownToHtml(string? markdown) =>
        string.IsNullOrEmpty(markdown) ? "" : Sanitize(Markdig.Markdown.ToHtml(markdown, Markdown));
}
