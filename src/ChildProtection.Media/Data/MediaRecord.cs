namespace ChildProtection.Media.Data;

/// <summary>One stored file. Its bytes never change: a new upload is a new record with a new id.</summary>
public sealed class MediaRecord
{
    public string Id { get; set; } = "";
    /// <summary>Folder path (<c>ap-phich/2025</c>), empty for the root.</summary>
    public string Folder { get; set; } = "";
    /// <summary>As uploaded (cleaned of control characters and path parts), diacritics intact.</summary>
    public string OriginalName { get; set; } = "";
    /// <summary>Ours: the id, a slug of the original name and the extension of the detected format.</summary>
    public string StoredName { get; set; } = "";
    public string ContentType { get; set; } = "";
    /// <summary>Extension of the detected format, with its dot (<c>.jpg</c>).</summary>
    public string Extension { get; set; } = "";
    public MediaKind Kind { get; set; }
    public long Length { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public int? PageCount { get; set; }
    public string? AltText { get; set; }
    public string? Caption { get; set; }
    public string? Credit { get; set; }
    public string Sha256 { get; set; } = "";
    public bool Restricted { get; set; }
    public bool DerivativesReady { get; set; }
    /// <summary>Extension of the non-WebP derivatives (<c>.jpg</c> or <c>.png</c>); null for non-images.</summary>
    public string? DerivativeExtension { get; set; }
    /// <summary>Lower-case, diacritics folded: the name, the alt text and the folder, for search.</summary>
    public string SearchKey { get; set; } = "";
    public string? CreatedBy { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime ModifiedUtc { get; set; }

    public MediaFile ToFile() => new(Id, Folder, OriginalName, StoredName, ContentType, Kind, Length, Width, Height, PageCount,
        AltText, Caption, Credit, Sha256, Restricted, DerivativesReady, CreatedUtc, ModifiedUtc);
}

public sealed class MediaFolderRecord
{
    public string Path { get; set; } = "";
    public string Parent { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
}

/// <summary>A content item that points at a file (a <c>mediaId</c>/<c>mediaIds</c> property or a /media/{id}/ address in HTML).</summary>
public sealed class MediaUsageRecord
{
    public string MediaId { get; set; } = "";
    public string ContentItemId { get; set; } = "";
    public string ContentType { get; set; } = "";
    public string DisplayText { get; set; } = "";
    public bool Published { get; set; }
    public DateTime UpdatedUtc { get; set; }
}
