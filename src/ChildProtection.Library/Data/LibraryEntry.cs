namespace ChildProtection.Library.Data;

/// <summary>
/// One published resource as the public library filters and pages it. The content item is the truth;
/// this row is rebuilt from it whenever it is published, unpublished or removed (and at start-up), so
/// the list is one indexed query instead of reading every item's JSON.
/// </summary>
public sealed class LibraryEntry
{
    public string ContentItemId { get; set; } = "";
    public string Path { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>The title folded (lower case, no diacritics, đ → d): search finds "duoi nuoc" and "Đuối nước" alike.</summary>
    public string TitleKey { get; set; } = "";
    public string? Summary { get; set; }
    public string Kind { get; set; } = "";
    /// <summary>Codes between bars ("|children|parents|"), so a filter is one LIKE on an indexed row set.</summary>
    public string Audiences { get; set; } = "|";
    public string Topics { get; set; } = "|";
    public string Campaigns { get; set; } = "|";
    public string Language { get; set; } = "vi";
    public bool Restricted { get; set; }
    /// <summary>The uploaded cover, else the first image among the files.</summary>
    public string? CoverMediaId { get; set; }
    public int FileCount { get; set; }
    public DateTime PublishedUtc { get; set; }

    public static string Codes(IEnumerable<string> values) => "|" + string.Concat(values.Select(v => v + "|"));
}

/// <summary>Downloads of one resource on one day (site time zone), per school when the downloader is signed in as one (0 = anyone else).</summary>
public sealed class DownloadDay
{
    public string ResourceId { get; set; } = "";
    public DateOnly Day { get; set; }
    public int OrganisationId { get; set; }
    public long Count { get; set; }
}
