using ChildProtection.Core.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace ChildProtection.Search.Indexing;

/// <summary>
/// Turns each token into its Vietnamese folding with Core's one rule (<see cref="VietnameseFolding"/>: NFD,
/// marks dropped, đ → d, lower case, NFC). Offsets are left alone, so a highlighted snippet marks the words
/// as they were written, diacritics and all.
/// </summary>
internal sealed class VietnameseFoldingFilter : TokenFilter
{
    private readonly ICharTermAttribute term;

    public VietnameseFoldingFilter(TokenStream input) : base(input) => term = AddAttribute<ICharTermAttribute>();

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken()) return false;
        // Most tokens of a mixed text are plain ASCII ("tre", "111", "em"): lower-casing them in place is the
        // whole fold, without the two normalisations (highlighting folds every word of ten snippets per query).
        var buffer = term.Buffer;
        var length = term.Length;
        var ascii = true;
        for (var i = 0; i < length && ascii; i++) ascii = buffer[i] < 128;
        if (ascii)
        {
            for (var i = 0; i < length; i++) buffer[i] = char.ToLowerInvariant(buffer[i]);
            return true;
        }
        var folded = VietnameseFolding.Fold(term.ToString());
        if (folded.Length > 0) term.SetEmpty().Append(folded);
        return true;
    }
}

/// <summary>
/// Words are runs of letters, digits and combining marks; everything else separates them. Simpler and several
/// times cheaper than the standard (UAX #29) tokenizer, which matters because snippets re-read every hit's
/// text at query time; for Vietnamese, whose words are separated by spaces and punctuation, it cuts the same.
/// </summary>
internal sealed class WordTokenizer(TextReader input) : CharTokenizer(VietnameseAnalyzers.Version, input)
{
    protected override bool IsTokenChar(int c) => c < 128
        ? (uint)(c - 'a') <= 'z' - 'a' || (uint)(c - 'A') <= 'Z' - 'A' || (uint)(c - '0') <= 9
        : System.Text.Rune.IsValid(c) && (System.Text.Rune.IsLetterOrDigit(new System.Text.Rune(c))
            || System.Text.Rune.GetUnicodeCategory(new System.Text.Rune(c)) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark);
}

/// <summary>The analyzers of the index. Text reaches them already in NFC (<see cref="IndexText.Normalize"/>).</summary>
internal static class VietnameseAnalyzers
{
    public static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Words with their diacritics, lower-cased: the exact fields.</summary>
    public static Analyzer Exact() => Analyzer.NewAnonymous((field, reader) =>
    {
        var tokenizer = new WordTokenizer(reader);
        return new TokenStreamComponents(tokenizer, new LowerCaseFilter(Version, tokenizer));
    });

    /// <summary>Words folded: the <c>_f</c> fields.</summary>
    public static Analyzer Folded() => Analyzer.NewAnonymous((field, reader) =>
    {
        var tokenizer = new WordTokenizer(reader);
        return new TokenStreamComponents(tokenizer, new VietnameseFoldingFilter(tokenizer));
    });

    /// <summary>Per field: <c>_f</c> fields fold, the others keep diacritics.</summary>
    public static Analyzer ForIndex()
    {
        var exact = Exact();
        var folded = Folded();
        var perField = new Dictionary<string, Analyzer>
        {
            [SearchFields.Folded(SearchFields.Title)] = folded,
            [SearchFields.Folded(SearchFields.All)] = folded,
        };
        return new PerFieldAnalyzerWrapper(exact, perField);
    }
}
