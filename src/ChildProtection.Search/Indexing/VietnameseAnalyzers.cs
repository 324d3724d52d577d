using ChildProtection.Core.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
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
        var folded = VietnameseFolding.Fold(term.ToString());
        if (folded.Length > 0) term.SetEmpty().Append(folded);
        return true;
    }
}

/// <summary>The analyzers of the index. Text reaches them already in NFC (<see cref="IndexText.Normalize"/>).</summary>
internal static class VietnameseAnalyzers
{
    public static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Words with their diacritics, lower-cased: the exact fields.</summary>
    public static Analyzer Exact() => Analyzer.NewAnonymous((field, reader) =>
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        return new TokenStreamComponents(tokenizer, new LowerCaseFilter(Version, tokenizer));
    });

    /// <summary>Words folded: the <c>_f</c> fields.</summary>
    public static Analyzer Folded() => Analyzer.NewAnonymous((field, reader) =>
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        return new TokenStreamComponents(tokenizer, new VietnameseFoldingFilter(tokenizer));
    });

    /// <summary>Per field: <c>_f</c> fields fold, the others keep diacritics.</summary>
    public static Analyzer ForIndex()
    {
        var exact = Exact();
        var folded = Folded();
        var perField = SearchFields.Text.ToDictionary(t => SearchFields.Folded(t.Field), _ => folded);
        return new PerFieldAnalyzerWrapper(exact, perField);
    }
}
