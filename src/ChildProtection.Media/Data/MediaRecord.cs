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
    /// <summary>
    /// The full-size public copy (<c>full.jpg|png</c>: re-encoded, turned upright, without EXIF, XMP, IPTC or
    /// text chunks) exists. Until it does, the public address of the image answers 503: the uploaded bytes
    /// are never sent to the public.
    /// </summary>
    public bool CleanCopyReady { get; set; }
    /// <summary>Marked by staff: the image shows children who can be recognised (Law on Children: a child's image is private).</summary>
    public bool ShowsChildren { get; set; }
    /// <summary>The consent record of an image that shows children: who consented (a parent or guardian), how they are related to the child, when, and where the signed form is kept.</summary>
    public string? ConsentGivenBy { get; set; }
    public string? ConsentRelation { get; set; }
    public DateOnly? ConsentDate { get; set; }
    public string? ConsentFormLocation { get; set; }
    /// <summary>Extension of the non-WebP derivatives (<c>.jpg</c> or <c>.png</c>); null for non-images.</summary>
    public string? DerivativeExtension { get; set; }
    /// <summary>Lower-case, diacritics folded: the name, the alt text and the folder, for search.</summary>
    public string SearchKey { get; set; } = "";
    public string? CreatedBy { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime ModifiedUtc { get; set; }

    /// <summary>An image marked as showing children may be published only when every field of its consent record is filled.</summary>
    public bool ConsentComplete => !string.IsNullOrWhiteSpace(ConsentGivenBy) && !string.IsNullOrWhiteSpace(ConsentRelation)
        && ConsentDate is not null && !string.IsNullOrWhiteSpace(ConsentFormLocation);

    public bool NeedsConsent => ShowsChildren && !ConsentComplete;

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
