using System.Text.Encodings.Web;
using ChildProtection.Search.Indexing;
using ChildProtection.Themes.Liquid;
using Lucene.Net.Analysis;
using Lucene.Net.Search.Highlight;

namespace ChildProtection.Search.Querying;

/// <summary>
/// Titles and snippets with the searched words in <c>&lt;mark&gt;</c>. The stored text is cut into words by the
/// folding analyzer, whose offsets point into the text as written: "duoi" marks "đuối". Everything outside the
/// marks is HTML-encoded, so the result is safe to write as is.
/// </summary>
internal sealed class Snippets(IReadOnlyList<string> foldedWords)
{
    public const int FragmentLength = 180;
    public const int MaxCharsToAnalyze = 20_000;
    private static readonly Analyzer Folded = VietnameseAnalyzers.Folded();
    private readonly WeightedTerm[] terms = foldedWords.Select(w => new WeightedTerm(1f, w)).ToArray();

    public string Title(string title) => Highlight(title, new NullFragmenter(), 1) ?? Encode(title);

    public string Body(string? body, string? summary)
    {
        if (!string.IsNullOrEmpty(body) && Highlight(body, new SimpleFragmenter(FragmentLength), 2) is { } fromBody) return fromBody;
        if (!string.IsNullOrEmpty(summary) && Highlight(summary, new NullFragmenter(), 1) is { } fromSummary) return fromSummary;
        var text = !string.IsNullOrEmpty(summary) ? summary : body ?? "";
        return Encode(IndexText.Excerpt(text, FragmentLength));
    }

    private string? Highlight(string text, IFragmenter fragmenter, int fragments)
    {
        if (terms.Length == 0) return null;
        var highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"), new ThemeEncoder(), new QueryTermScorer(terms))
        {
            TextFragmenter = fragmenter,
            // A body may hold megabytes (a pasted report): snippets come from its beginning.
            MaxDocCharsToAnalyze = MaxCharsToAnalyze,
        };
        var stream = Folded.GetTokenStream(SearchFields.Folded(SearchFields.Body), text);
        var best = highlighter.GetBestFragments(stream, text, fragments);
        if (best.Length == 0) return null;
        return string.Join(" … ", best.Select(f => f.Trim()));
    }

    private static string Encode(string text) => HtmlOutput.Encoder.Encode(text);

    /// <summary>Lucene's own HTML encoder writes every non-ASCII letter as an entity; the theme's keeps Vietnamese as is.</summary>
    private sealed class ThemeEncoder : IEncoder
    {
        public string EncodeText(string originalText) => HtmlOutput.Encoder.Encode(originalText);
    }
}
