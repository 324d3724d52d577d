namespace ChildProtection.Core.Contents;

/// <summary>
/// One stored version. Columns hold what is queried (type, latest, published, owner, times, display
/// text, route); the whole document is the JSON in <see cref="Data"/>.
/// </summary>
public sealed class ContentItemRecord
{
    public long Id { get; set; }
    public string ContentItemId { get; set; } = "";
    public string ContentItemVersionId { get; set; } = "";
    public string ContentType { get; set; } = "";
    public int Number { get; set; }
    public bool Latest { get; set; }
    public bool Published { get; set; }
    /// <summary>Removed items are kept (recoverable) but hidden everywhere except the recycle bin.</summary>
    public bool Removed { get; set; }
    public string DisplayText { get; set; } = "";
    /// <summary>The display text in lower case (NFC): the admin's title search compares against it.</summary>
    public string DisplayTextKey { get; set; } = "";
    public string? Path { get; set; }

    public static string KeyOf(string displayText) => displayText.Normalize(System.Text.NormalizationForm.FormC).ToLowerInvariant();
    public string? Owner { get; set; }
    public string? Author { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime ModifiedUtc { get; set; }
    public DateTime? PublishedUtc { get; set; }
    public string Data { get; set; } = "{}";
}

/// <summary>A path an item used to have; requests for it are redirected (301) to the item's current path.</summary>
public sealed class RouteHistoryRecord
{
    public string Path { get; set; } = "";
    public string ContentItemId { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
}

/// <summary>A named JSON document: site settings, the content definition, module settings.</summary>
public sealed class DocumentRecord
{
    public string Name { get; set; } = "";
    public string Data { get; set; } = "{}";
    public int Version { get; set; }
    public DateTime ModifiedUtc { get; set; }
}
