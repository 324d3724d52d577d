using ChildProtection.Search.Indexing;
using ChildProtection.Search.Querying;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChildProtection.Search.Tests;

/// <summary>A real index in a temp folder, without the site: for analyzers, ranking and bad input.</summary>
public sealed class IndexFixture : IDisposable
{
    private readonly TempFolder folder = new("cp-search");
    internal SearchIndex Index { get; }
    internal SiteSearch Search { get; }

    public IndexFixture()
    {
        Index = new SearchIndex(folder.Combine("search"), NullLogger.Instance);
        Search = new SiteSearch(Index);
    }

    internal static SearchDocument Doc(string id, string title, string body = "", string type = "Article", string summary = "", string[]? topics = null) =>
        new(id, type, "/tin-tuc/" + id, IndexText.Normalize(title), IndexText.Normalize(summary), IndexText.FromHtml(body), topics ?? [], [], DateTime.UtcNow);

    internal void Add(params SearchDocument[] docs)
    {
        foreach (var d in docs) Index.Upsert(d);
        Index.Commit();
    }

    internal SearchResults Find(string query, string? type = null, string? topic = null, int page = 1) =>
        Search.Search(new SearchRequest(SearchInput.Parse(query), type, topic, page));

    internal List<string> Ids(string query, string? type = null, string? topic = null) => Find(query, type, topic).Hits.Select(h => h.Id).ToList();

    public void Dispose()
    {
        Index.Dispose();
        folder.Dispose();
    }
}
