using ChildProtection.Search.Indexing;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace ChildProtection.Search.Querying;

internal sealed record SearchRequest(SearchInput Input, string? Type = null, string? Topic = null, int Page = 1, int PageSize = SiteSearch.DefaultPageSize);

internal sealed record SearchHit(string Id, string Type, string Url, string Title, string TitleHtml, string SnippetHtml, IReadOnlyList<string> TopicIds, DateTime? PublishedUtc, float Score);

internal sealed record SearchResults(IReadOnlyList<SearchHit> Hits, int Total, int Page, int PageSize)
{
    public int PageCount => PageSize <= 0 ? 0 : (Total + PageSize - 1) / PageSize;
    public static readonly SearchResults Empty = new([], 0, 1, SiteSearch.DefaultPageSize);
}

/// <summary>
/// Searches the index: every word must be found (folded) in the title, topics, summary or body; a word in the
/// title counts more, and the words with their diacritics as typed count extra, so "bơi" ranks "bơi" above
/// "bội" and "bói". Filters by type and
/// topic; pages of <see cref="DefaultPageSize"/>; titles and snippets highlighted.
/// </summary>
internal sealed class SiteSearch(SearchIndex index)
{
    public const int DefaultPageSize = 10;
    /// <summary>Deep pages of a relevance list are never read; capping them keeps every query cheap.</summary>
    public const int MaxPage = 100;
    private const float ExactBoost = 2f;
    private const float TitleBoost = 2f;

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
            var snippets = new Snippets(input.FoldedWords);
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

    /// <summary>The query alone, without reading or highlighting the hits (the benchmark's split of the cost).</summary>
    internal int CountOnly(SearchRequest request) =>
        request.Input.IsEmpty ? 0 : index.Read(searcher => searcher.Search(Build(request), request.PageSize).TotalHits);

    internal static Query Build(SearchRequest request)
    {
        var query = new BooleanQuery();
        foreach (var word in request.Input.FoldedWords)
        {
            query.Add(new TermQuery(new Term(SearchFields.Folded(SearchFields.All), word)), Occur.MUST);
            query.Add(new TermQuery(new Term(SearchFields.Folded(SearchFields.Title), word)) { Boost = TitleBoost }, Occur.SHOULD);
        }
        foreach (var word in request.Input.ExactWords)
        {
            query.Add(new TermQuery(new Term(SearchFields.All, word)) { Boost = ExactBoost }, Occur.SHOULD);
            query.Add(new TermQuery(new Term(SearchFields.Title, word)) { Boost = ExactBoost * TitleBoost }, Occur.SHOULD);
        }
        // Filters narrow without changing the order.
        if (!string.IsNullOrEmpty(request.Type)) query.Add(new TermQuery(new Term(SearchFields.Type, request.Type)) { Boost = 0 }, Occur.MUST);
        if (!string.IsNullOrEmpty(request.Topic)) query.Add(new TermQuery(new Term(SearchFields.Topic, request.Topic)) { Boost = 0 }, Occur.MUST);
        return query;
    }
}
