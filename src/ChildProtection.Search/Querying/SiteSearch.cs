using ChildProtection.Search.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace ChildProtection.Search.Querying;

internal sealed record SearchRequest(SearchInput Input, string? Type = null, string? Topic = null, int Page = 1, int PageSize = SiteSearch.DefaultPageSize);

internal sealed record SearchHit(string Id, string Type, string Url, string Title, string TitleHtml, string SnippetHtml, IReadOnlyList<string> TopicIds, DateTime? PublishedUtc, float Score);

internal sealed record Suggestion(string Title, string Url);

internal sealed record SearchResults(IReadOnlyList<SearchHit> Hits, int Total, int Page, int PageSize)
{
    public int PageCount => PageSize <= 0 ? 0 : (Total + PageSize - 1) / PageSize;
    public static readonly SearchResults Empty = new([], 0, 1, SiteSearch.DefaultPageSize);
}

/// <summary>
/// Searches the index: every word must be found (folded) in the title, topics, summary or body; a word in the
/// title counts more, and the words with their diacritics as typed count extra, so "bơi" ranks "bơi" above
/// "bội" and "bói". The last word also matches as the beginning of a longer word (<see cref="PrefixWordQuery"/>),
/// ranked after whole-word matches, so a query still being typed finds something. Filters by type and
/// topic; pages of <see cref="DefaultPageSize"/>; titles and snippets highlighted.
/// </summary>
internal sealed class SiteSearch(SearchIndex index)
{
    public const int DefaultPageSize = 10;
    /// <summary>Deep pages of a relevance list are never read; capping them keeps every query cheap.</summary>
    public const int MaxPage = 100;
    private const float ExactBoost = 2f;
    private const float TitleBoost = 2f;
    /// <summary>
    /// A completion of the last word scores this much as a constant, well under what a whole word scores, so
    /// "đuối nư" ranks an item with the word "nư" (if any) before the many with "nước", "nuôi", ….
    /// </summary>
    private const float PrefixBoost = 0.1f;

    public SearchResults Search(SearchRequest request)
    {
        var input = request.Input;
        if (input.IsEmpty) return SearchResults.Empty;
        var pageSize = Math.Clamp(request.PageSize, 1, 50);
        var page = Math.Clamp(request.Page, 1, MaxPage);
        var query = Build(request);
        return index.Read(searcher =>
        {
            var top = searcher.Search(query, page * pageSize);
            var pageCount = (top.TotalHits + pageSize - 1) / pageSize;
            // A page past the end shows the last one rather than nothing.
            if (page > 1 && page > pageCount)
            {
                page = Math.Max(1, pageCount);
            }
            // The completions of the last word are marked too ("đuối nư" marks "nước").
            var marked = input.LastWordPrefix is { } prefix
                ? input.FoldedWords.Concat(PrefixWordQuery.Expand(searcher.IndexReader, SearchFields.Folded(SearchFields.All), prefix)).ToList()
                : input.FoldedWords;
            var snippets = new Snippets(marked);
            var hits = new List<SearchHit>();
            foreach (var scored in top.ScoreDocs.Skip((page - 1) * pageSize).Take(pageSize))
            {
                var doc = searcher.Doc(scored.Doc);
                var title = doc.Get(SearchFields.Title) ?? "";
                var ticks = doc.GetField(SearchFields.Date)?.GetInt64Value() ?? 0;
                hits.Add(new SearchHit(
                    doc.Get(SearchFields.Id),
                    doc.Get(SearchFields.Type),
                    doc.Get(SearchFields.Url),
                    title,
                    snippets.Title(title),
                    snippets.Body(doc.Get(SearchFields.Body), doc.Get(SearchFields.Summary)),
                    doc.GetValues(SearchFields.Topic),
                    ticks > 0 ? new DateTime(ticks, DateTimeKind.Utc) : null,
                    scored.Score));
            }
            return new SearchResults(hits, top.TotalHits, page, pageSize);
        });
    }

    /// <summary>
    /// The first <paramref name="count"/> items the search page would list first for <paramref name="input"/>, as
    /// title and address only: the same query over the same index (published, public items only), without
    /// snippets, reading two stored fields of each hit.
    /// </summary>
    public IReadOnlyList<Suggestion> Suggest(SearchInput input, int count)
    {
        if (input.IsEmpty || count <= 0) return [];
        return Suggest(BuildSuggestion(input), count);
    }

    /// <summary>The hits of a suggestion query, reading only the title and address of each.</summary>
    internal IReadOnlyList<Suggestion> Suggest(Query query, int count)
    {
        return index.Read(searcher =>
        {
            var top = searcher.Search(query, count);
            var list = new List<Suggestion>(top.ScoreDocs.Length);
            foreach (var scored in top.ScoreDocs)
            {
                var doc = searcher.Doc(scored.Doc, SuggestionFields);
                list.Add(new Suggestion(doc.Get(SearchFields.Title) ?? "", doc.Get(SearchFields.Url) ?? ""));
            }
            return list;
        });
    }

    private static readonly ISet<string> SuggestionFields = new HashSet<string> { SearchFields.Title, SearchFields.Url };

    /// <summary>The query alone, without reading or highlighting the hits (the benchmark's split of the cost).</summary>
    internal int CountOnly(SearchRequest request) =>
        request.Input.IsEmpty ? 0 : index.Read(searcher => searcher.Search(Build(request), request.PageSize).TotalHits);

    /// <summary>
    /// The suggestion box's query: the search page's ranking (whole words before completions of the last word,
    /// diacritics as typed first), but over the titles only. A suggestion shows a title, so a title that does not
    /// hold the words is a poor suggestion anyway; and the title dictionary and postings are a small fraction of
    /// the whole text's, which is what keeps a suggestion (asked at every keystroke) within a few milliseconds.
    /// The index's published/public rule already holds for every document in it (only those are indexed).
    /// </summary>
    internal static Query BuildSuggestion(SearchInput input)
    {
        var query = new BooleanQuery();
        var prefix = input.LastWordPrefix;
        var foldedTitle = SearchFields.Folded(SearchFields.Title);
        foreach (var word in input.FoldedWords)
        {
            var whole = new TermQuery(new Term(foldedTitle, word));
            if (word == prefix)
            {
                var either = new BooleanQuery(disableCoord: true)
                {
                    { whole, Occur.SHOULD },
                    { new PrefixWordQuery(foldedTitle, word, PrefixBoost), Occur.SHOULD },
                };
                query.Add(either, Occur.MUST);
            }
            else query.Add(whole, Occur.MUST);
        }
        foreach (var word in input.ExactWords)
        {
            query.Add(new TermQuery(new Term(SearchFields.Title, word)) { Boost = ExactBoost }, Occur.SHOULD);
        }
        if (prefix is not null && input.ExactWords.Count > 0 && input.ExactWords[^1] is { Length: >= PrefixWordQuery.MinLength } exactLast)
        {
            query.Add(new PrefixWordQuery(SearchFields.Title, exactLast, PrefixBoost * ExactBoost), Occur.SHOULD);
        }
        return query;
    }

    internal static Query Build(SearchRequest request)
    {
        var query = new BooleanQuery();
        var input = request.Input;
        var prefix = input.LastWordPrefix;
        foreach (var word in input.FoldedWords)
        {
            var whole = new TermQuery(new Term(SearchFields.Folded(SearchFields.All), word));
            if (word == prefix)
            {
                // The last word may still be being typed: the word itself or any longer word it begins.
                // No coord, so a whole-word match scores as it did without the prefix clause.
                var either = new BooleanQuery(disableCoord: true)
                {
                    { whole, Occur.SHOULD },
                    { new PrefixWordQuery(SearchFields.Folded(SearchFields.All), word, PrefixBoost), Occur.SHOULD },
                };
                query.Add(either, Occur.MUST);
                query.Add(new PrefixWordQuery(SearchFields.Folded(SearchFields.Title), word, PrefixBoost * TitleBoost), Occur.SHOULD);
            }
            else query.Add(whole, Occur.MUST);
            query.Add(new TermQuery(new Term(SearchFields.Folded(SearchFields.Title), word)) { Boost = TitleBoost }, Occur.SHOULD);
        }
        foreach (var word in input.ExactWords)
        {
            query.Add(new TermQuery(new Term(SearchFields.All, word)) { Boost = ExactBoost }, Occur.SHOULD);
            query.Add(new TermQuery(new Term(SearchFields.Title, word)) { Boost = ExactBoost * TitleBoost }, Occur.SHOULD);
        }
        // The completions with the diacritics as typed count extra, as whole words do ("hiể" → "hiểm" before "hiếu").
        if (prefix is not null && input.ExactWords.Count > 0 && input.ExactWords[^1] is { Length: >= PrefixWordQuery.MinLength } exactLast)
        {
            query.Add(new PrefixWordQuery(SearchFields.All, exactLast, PrefixBoost * ExactBoost), Occur.SHOULD);
        }
        // Filters narrow without changing the order.
        if (!string.IsNullOrEmpty(request.Type)) query.Add(new TermQuery(new Term(SearchFields.Type, request.Type)) { Boost = 0 }, Occur.MUST);
        if (!string.IsNullOrEmpty(request.Topic)) query.Add(new TermQuery(new Term(SearchFields.Topic, request.Topic)) { Boost = 0 }, Occur.MUST);
        return query;
    }
}
