namespace ChildProtection.Media;

/// <summary>
/// The media library's public contract: what other modules (the Library of training material, articles,
/// campaigns, recipes) may ask of it. Storage layout, the image pipeline and the admin screens are the
/// Media module's own business.
/// </summary>
/// <remarks>
/// Content items point at files by id. Any JSON property named <c>mediaId</c> (a string) or
/// <c>mediaIds</c> (an array of strings) anywhere in an item's document, and any
/// <c>/media/{id}/…</c> address inside HTML, counts as a use of that file: the Media module keeps
/// "used by" from that and refuses to delete a file still in use. Modules that reference files
/// follow that convention and need nothing else.
/// </remarks>
public interface IMediaLibrary
{
    Task<MediaFile?> GetAsync(string mediaId, CancellationToken cancellationToken = default);

    /// <summary>The files that exist among <paramref name="mediaIds"/>; unknown ids are simply absent.</summary>
    Task<IReadOnlyDictionary<string, MediaFile>> GetManyAsync(IEnumerable<string> mediaIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks a file by its content and stores it, exactly as an upload in the admin does (limits,
    /// accepted formats, our own stored name, derivatives now or in a background job). Nothing is
    /// kept when it is refused.
    /// </summary>
    Task<MediaStoreResult> StoreAsync(MediaUpload upload, CancellationToken cancellationToken = default);

    /// <summary>
    /// What to send for a file or one of its derivatives (null when either does not exist, or the
    /// derivative is not made yet). Callers serve it with range, ETag and Last-Modified support
    /// (<c>Results.File(PhysicalPath, …, enableRangeProcessing: true)</c> or the stream).
    /// </summary>
    Task<MediaContent?> OpenAsync(string mediaId, MediaDerivative derivative = MediaDerivative.Original, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks a file as restricted: the public media address then answers 404 for it, and only a module
    /// that checks its own permission (the Library for restricted resources) serves it through
    /// <see cref="OpenAsync"/>. Idempotent.
    /// </summary>
    Task SetRestrictedAsync(string mediaId, bool restricted, CancellationToken cancellationToken = default);

    /// <summary>The public address of a file or derivative (immutable: it changes when the file does).</summary>
    string GetUrl(MediaFile file, MediaDerivative derivative = MediaDerivative.Original);

    /// <summary>A <c>srcset</c> value over the image's width derivatives (WebP first where the caller builds a picture element); empty for non-images.</summary>
    string GetSrcSet(MediaFile file, bool webp = false);
}

public enum MediaKind { Image, Pdf, WordDocument, Presentation, Spreadsheet, Svg }

/// <summary>Derivatives are made once, at upload; the original is kept untouched for print.</summary>
public enum MediaDerivative
{
    Original,
    /// <summary>320 px wide.</summary>
    Thumbnail,
    /// <summary>640 px wide.</summary>
    Card,
    /// <summary>1280 px wide.</summary>
    PageWidth,
    ThumbnailWebp,
    CardWebp,
    PageWidthWebp,
}

public sealed record MediaFile(
    string Id,
    string Folder,
    /// <summary>The name as uploaded, diacritics intact: data only, offered on download.</summary>
    string OriginalName,
    /// <summary>Ours: the id plus a slug of the original name.</summary>
    string StoredName,
    string ContentType,
    MediaKind Kind,
    long Length,
    int? Width,
    int? Height,
    int? PageCount,
    string? AltText,
    string? Caption,
    string? Credit,
    string Sha256,
    bool Restricted,
    bool DerivativesReady,
    DateTime CreatedUtc,
    DateTime ModifiedUtc)
{
    public bool IsImage => Kind == MediaKind.Image;
}

public sealed class MediaUpload
{
    public required Stream Content { get; init; }
    public required string OriginalName { get; init; }
    /// <summary>Folder path such as <c>ap-phich/2025</c>; empty for the root.</summary>
    public string Folder { get; init; } = "";
    public string? AltText { get; init; }
    public string? Caption { get; init; }
    public string? Credit { get; init; }
    public string? User { get; init; }
}

public sealed record MediaStoreResult(MediaFile? File, IReadOnlyList<string> Errors)
{
    public bool Succeeded => File is not null && Errors.Count == 0;
}

/// <summary>A file ready to send. <see cref="PhysicalPath"/> is set when the storage is a folder (fastest to serve).</summary>
public sealed class MediaContent
{
    public required string ContentType { get; init; }
    public required long Length { get; init; }
    public required DateTimeOffset LastModified { get; init; }
    /// <summary>A strong entity tag (quoted).</summary>
    public required string ETag { get; init; }
    /// <summary>The original name (with its diacritics) for Content-Disposition.</summary>
    public required string DownloadName { get; init; }
    public string? PhysicalPath { get; init; }
    public required Func<Stream> OpenRead { get; init; }
}
