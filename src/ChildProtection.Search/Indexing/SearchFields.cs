namespace ChildProtection.Search.Indexing;

/// <summary>
/// The index's field names. Words are indexed twice: exact (NFC, lower case, diacritics kept) and folded
/// (<c>_f</c>), so "đuối nước", "duoi nuoc" and "ĐUỐI NƯỚC" meet in the folded field while the exact one lets a
/// match with the right diacritics rank first. Matching uses one field for all of an item's text
/// (<see cref="All"/>: title, topics, summary, body) and the title again on its own, so that a word found in
/// the title counts more; per-field copies of summary and body would multiply the postings every query walks
/// (bench search: p95 48 ms with them). Title, summary and body are also stored as written, for snippets.
/// </summary>
internal static class SearchFields
{
    public const string Id = "id";
    public const string Type = "type";
    public const string Topic = "topic";
    public const string Url = "url";
    public const string Date = "date";

    public const string Title = "title";
    public const string Summary = "summary";
    public const string Body = "body";
    public const string Topics = "topics";

    public const string FoldedSuffix = "_f";
    public static string Folded(string field) => field + FoldedSuffix;

    /// <summary>Title, topics, summary and body together.</summary>
    public const string All = "all";
}
