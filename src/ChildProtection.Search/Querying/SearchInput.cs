using ChildProtection.Search.Indexing;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace ChildProtection.Search.Querying;

/// <summary>
/// What a visitor typed, reduced to words. The text never reaches a query parser: it is cut into words by the
/// index's own analyzers, so Lucene syntax (<c>title:*</c>, <c>"</c>, <c>(</c>, <c>AND</c>) is just text and
/// cannot fail or widen a query. Too long a query is cut at <see cref="MaxLength"/> characters (the page says so).
/// </summary>
internal sealed record SearchInput(string Text, bool Truncated, IReadOnlyList<string> FoldedWords, IReadOnlyList<string> ExactWords)
{
    public const int MaxLength = 200;
    public const int MaxWords = 16;

    private static readonly Analyzer Exact = VietnameseAnalyzers.Exact();
    private static readonly Analyzer Folded = VietnameseAnalyzers.Folded();

    public bool IsEmpty => FoldedWords.Count == 0;

    /// <summary>
    /// The last word, folded, when it may be the beginning of a longer word: the text was not cut (so it is what
    /// was typed last), the word limit was not reached, and it has at least <see cref="PrefixWordQuery.MinLength"/>
    /// letters (one letter would complete to half the dictionary). Null otherwise.
    /// </summary>
    public string? LastWordPrefix =>
        !Truncated && FoldedWords.Count is > 0 and < MaxWords && FoldedWords[^1].Length >= PrefixWordQuery.MinLength ? FoldedWords[^1] : null;

    public static SearchInput Parse(string? raw)
    {
        var text = IndexText.Normalize(raw).Trim();
        var truncated = false;
        if (text.Length > MaxLength)
        {
            var cut = text.LastIndexOf(' ', MaxLength);
            text = text[..(cut > MaxLength / 2 ? cut : MaxLength)].Trim();
            // Never end on half a surrogate pair.
            if (text.Length > 0 && char.IsHighSurrogate(text[^1])) text = text[..^1];
            truncated = true;
        }
        return new SearchInput(text, truncated, Words(Folded, text), Words(Exact, text));
    }

    public static IReadOnlyList<string> Words(Analyzer analyzer, string text)
    {
        var words = new List<string>();
        if (text.Length == 0) return words;
        using var stream = analyzer.GetTokenStream("q", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken() && words.Count < MaxWords)
        {
            var word = term.ToString();
            if (!words.Contains(word)) words.Add(word);
        }
        stream.End();
        return words;
    }
}
