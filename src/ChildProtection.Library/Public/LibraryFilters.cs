using System.Globalization;
using ChildProtection.Library.Indexing;
using ChildProtection.Library.Parts;
using Microsoft.AspNetCore.Http;

namespace ChildProtection.Library.Public;

/// <summary>
/// The library list's query string (<c>?q=…&amp;chu-de=…&amp;loai=…&amp;doi-tuong=…&amp;chien-dich=…&amp;trang=…</c>).
/// Anything unknown or malformed is dropped rather than refused: a shared link with a stale topic still
/// opens the library, just without that filter.
/// </summary>
public sealed record LibraryFilters(string? Query, string? Topic, string? Kind, string? Audience, string? Campaign, int Page)
{
    public const int MaxQuery = 200;
    public const int PageSize = 12;

    public string? FoldedQuery => string.IsNullOrEmpty(Query) ? null : TitleFolding.Fold(Query);
    public bool Any => Query is not null || Topic is not null || Kind is not null || Audience is not null || Campaign is not null;

    public static LibraryFilters Parse(IQueryCollection query, IReadOnlySet<string> topics, IReadOnlySet<string> campaigns)
    {
        string? One(string name)
        {
            var values = query[name];
            return values.Count == 0 ? null : values[0]?.Trim() is { Length: > 0 } v ? v : null;
        }
        var q = One("q");
        if (q is not null)
        {
            q = new string(q.Where(c => !char.IsControl(c)).ToArray()).Trim();
            if (q.Length > MaxQuery) q = q[..MaxQuery];
            if (q.Length == 0) q = null;
        }
        var page = int.TryParse(One("trang"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 100_000 ? p : 1;
        var topic = One("chu-de");
        var kind = One("loai");
        var audience = One("doi-tuong");
        var campaign = One("chien-dich");
        return new LibraryFilters(
            q,
            topic is not null && topics.Contains(topic) ? topic : null,
            ResourceVocabulary.IsKind(kind) ? kind : null,
            ResourceVocabulary.IsAudience(audience) ? audience : null,
            campaign is not null && campaigns.Contains(campaign) ? campaign : null,
            page);
    }

    /// <summary>The list's address with these filters and another page (or filter) changed.</summary>
    public string Url(int? page = null, string? topic = "\0", string? kind = "\0", string? audience = "\0", string? campaign = "\0")
    {
        var parts = new List<string>();
        void Add(string name, string? value) { if (!string.IsNullOrEmpty(value)) parts.Add($"{name}={Uri.EscapeDataString(value)}"); }
        Add("q", Query);
        Add("chu-de", topic == "\0" ? Topic : topic);
        Add("loai", kind == "\0" ? Kind : kind);
        Add("doi-tuong", audience == "\0" ? Audience : audience);
        Add("chien-dich", campaign == "\0" ? Campaign : campaign);
        var pageNumber = page ?? Page;
        if (pageNumber > 1) parts.Add($"trang={pageNumber}");
        return LibraryRoutes.List + (parts.Count > 0 ? "?" + string.Join("&", parts) : "");
    }
}
