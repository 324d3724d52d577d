using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace ChildProtection.Search.Querying;

/// <summary>
/// The words of one field that begin with what was typed of the last word ("nư" → "nuoc", "nuoi", …), as one
/// clause that scores the same for every such word: a word still being typed says nothing about which of its
/// completions is meant, and a constant small score keeps whole-word matches (scored by the term itself) first.
/// Bounded so that a short prefix cannot make a query walk the whole dictionary: a prefix needs
/// <see cref="MinLength"/> letters, at most <see cref="MaxScanned"/> dictionary words are read and the
/// <see cref="MaxExpansions"/> most frequent of them are kept. The typed text itself is left out (its own
/// term clause scores it as a whole word).
/// </summary>
internal sealed class PrefixWordQuery(string field, string prefix, float boost) : Query
{
    public const int MinLength = 2;
    public const int MaxExpansions = 50;
    public const int MaxScanned = 2_000;

    public string Field { get; } = field;
    public string Prefix => prefix;

    public override Query Rewrite(IndexReader reader)
    {
        var terms = Expand(reader, field, prefix);
        // DisMax with no tie-breaker: one matching completion scores the boost, several do not add up.
        var any = new DisjunctionMaxQuery(0f) { Boost = Boost };
        foreach (var term in terms)
        {
            any.Add(new ConstantScoreQuery(new TermQuery(new Term(field, term))) { Boost = boost });
        }
        // A prefix nothing completes matches nothing (an empty DisMax would too, but says so less plainly).
        return terms.Count == 0 ? new BooleanQuery() : any;
    }

    /// <summary>The kept completions, most frequent first.</summary>
    internal static IReadOnlyList<string> Expand(IndexReader reader, string field, string prefix)
    {
        var found = new List<(string Text, int Freq)>();
        if (prefix.Length < MinLength) return [];
        var terms = MultiFields.GetTerms(reader, field);
        if (terms is null) return [];
        var start = new BytesRef(prefix);
        var e = terms.GetEnumerator();
        if (e.SeekCeil(start) == TermsEnum.SeekStatus.END) return [];
        var scanned = 0;
        do
        {
            var bytes = e.Term;
            if (!StringHelper.StartsWith(bytes, start)) break;
            if (++scanned > MaxScanned) break;
            if (bytes.Length == start.Length) continue;
            found.Add((bytes.Utf8ToString(), e.DocFreq));
        }
        while (e.MoveNext());
        return found.OrderByDescending(t => t.Freq).ThenBy(t => t.Text, StringComparer.Ordinal).Take(MaxExpansions).Select(t => t.Text).ToList();
    }

    public override string ToString(string? defaultField) => $"{(defaultField == field ? "" : field + ":")}{prefix}…";

    public override bool Equals(object? obj) =>
        obj is PrefixWordQuery other && other.Field == field && other.Prefix == prefix && base.Equals(other);

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), field, prefix, boost);
}
