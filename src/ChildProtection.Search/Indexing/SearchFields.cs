namespace ChildProtection.Search.Indexing;

/// <summary>
/// The index's field names. Text is kept twice: the stored field holds the text as written (NFC, lower-cased
/// tokens, diacritics kept) and the <c>_f</c> field its Vietnamese folding, so "đuối nước", "duoi nuoc" and
/// "ĐUỐI NƯỚC" meet in the folded field while the exact one lets a match with the right diacritics rank first.
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

    /// <summary>The text fields a query looks in, with how much a match in each counts.</summary>
    public static readonly (string Field, float Boost)[] Text = [(Title, 4f), (Topics, 2f), (Summary, 2f), (Body, 1f)];
}
