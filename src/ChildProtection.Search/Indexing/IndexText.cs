using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ChildProtection.Search.Indexing;

/// <summary>Text as the index and the queries take it: NFC (a query typed in decomposed Unicode meets the index), HTML reduced to words.</summary>
internal static partial class IndexText
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        try { return text.Normalize(NormalizationForm.FormC); }
        // Lone surrogates cannot be normalised; what is left of the text is still worth searching.
        catch (ArgumentException) { return new string(text.Where(c => !char.IsSurrogate(c)).ToArray()).Normalize(NormalizationForm.FormC); }
    }

    [GeneratedRegex("<(script|style)\\b[^>]*>.*?</\\1\\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex("\\s+")]
    private static partial Regex Space();

    /// <summary>The words of a sanitised body: tags become spaces (so "a</p><p>b" stays two words), entities are decoded.</summary>
    public static string FromHtml(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        var text = ScriptOrStyle().Replace(html, " ");
        text = Tag().Replace(text, " ");
        text = WebUtility.HtmlDecode(text);
        return Normalize(Space().Replace(text, " ").Trim());
    }

    public static string Excerpt(string text, int length)
    {
        if (text.Length <= length) return text;
        var cut = text.LastIndexOf(' ', length);
        return text[..(cut > length / 2 ? cut : length)].TrimEnd(' ', ',', '.', ';', ':') + " …";
    }

    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
}
