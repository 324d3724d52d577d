using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ChildProtection.Notices.Messages;

/// <summary>
/// The plain-text part of a notice e-mail, from its (already sanitised) HTML: paragraphs and headings on
/// their own lines, list items with a dash, links followed by their address, tables row by row. Mail
/// readers that show text only, and spam filters, get the whole notice.
/// </summary>
public static class HtmlToText
{
    private static readonly HtmlParser Parser = new();
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    { "P", "DIV", "H1", "H2", "H3", "H4", "H5", "H6", "UL", "OL", "LI", "BLOCKQUOTE", "PRE", "TABLE", "TR", "FIGURE", "HR", "DL", "DT", "DD" };

    public static string Convert(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        var document = Parser.ParseDocument("<body>" + html + "</body>");
        var text = new StringBuilder();
        Walk(document.Body!, text);
        return Tidy(text.ToString());
    }

    private static void Walk(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(CollapseSpaces(t.Data));
                    break;
                case IElement e when e.LocalName == "br":
                    text.Append('\n');
                    break;
                case IElement e when e.LocalName is "script" or "style":
                    break;
                case IElement e:
                    var block = Blocks.Contains(e.TagName);
                    if (block) text.Append('\n');
                    if (e.LocalName == "li") text.Append("- ");
                    if (e.LocalName == "hr") text.Append("----------");
                    Walk(e, text);
                    if (e.LocalName == "a" && e.GetAttribute("href") is { Length: > 0 } href && href != e.TextContent.Trim())
                        text.Append(" (").Append(href).Append(')');
                    if (e.LocalName is "td" or "th") text.Append('\t');
                    if (block) text.Append('\n');
                    break;
            }
        }
    }

    private static string CollapseSpaces(string s)
    {
        var sb = new StringBuilder(s.Length);
        var space = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c)) { if (!space) sb.Append(' '); space = true; }
            else { sb.Append(c); space = false; }
        }
        return sb.ToString();
    }

    private static string Tidy(string text)
    {
        // Trim each line and keep at most one blank line between blocks.
        var lines = text.Replace("\r", "").Split('\n').Select(l => l.Trim());
        var result = new StringBuilder();
        var blank = 0;
        foreach (var line in lines)
        {
            if (line.Length == 0) { blank++; continue; }
            if (result.Length > 0) result.Append(blank > 0 ? "\n\n" : "\n");
            result.Append(line);
            blank = 0;
        }
        return result.ToString();
    }
}
