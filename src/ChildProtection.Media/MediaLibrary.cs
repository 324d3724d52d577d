using System.Globalization;
using System.Security.Cryptography;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Routing;
using ChildProtection.Media.Checking;
using ChildProtection.Media.Data;
using ChildProtection.Media.Imaging;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Media;

/// <summary>
/// The media library behind <see cref="IMediaLibrary"/>: files checked by content, stored under our own
/// names, derivatives made once (now, or in a background job for large images), and their addresses.
/// A file is either wholly stored (its folder complete and its row committed) or not at all.
/// </summary>
public sealed class MediaLibrary(
    MediaDbContext db,
    MediaStorage storage,
    FileInspector inspector,
    ImagePipeline images,
    MediaOptions options,
    IBackgroundJobClient jobs,
    IStringLocalizer<MediaText> T,
    ILogger<MediaLibrary> logger) : IMediaLibrary
{
    public async Task<MediaFile?> GetAsync(string mediaId, CancellationToken cancellationToken = default)
    {
        if (!MediaStorage.IsValidId(mediaId)) return null;
        var record = await db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mediaId, cancellationToken);
        return record?.ToFile();
    }

    public async Task<IReadOnlyDictionary<string, MediaFile>> GetManyAsync(IEnumerable<string> mediaIds, CancellationToken cancellationToken = default)
    {
        var ids = mediaIds.Where(MediaStorage.IsValidId).Distinct().ToList();
        var result = new Dictionary<string, MediaFile>();
        foreach (var chunk in ids.Chunk(500))
        {
            var records = await db.Media.AsNoTracking().Where(m => chunk.Contains(m.Id)).ToListAsync(cancellationToken);
            foreach (var r in records) result[r.Id] = r.ToFile();
        }
        return result;
    }

    public async Task<MediaStoreResult> StoreAsync(MediaUpload upload, CancellationToken cancellationToken = default)
    {
        var (record, error) = await StoreRecordAsync(upload, cancellationToken);
        return record is null ? new MediaStoreResult(null, [error!]) : new MediaStoreResult(record.ToFile(), []);
    }

    /// <param name="id">A recipe's own id for the file (stable across sites); a new one otherwise.</param>
    internal async Task<(MediaRecord? Record, string? Error)> StoreRecordAsync(MediaUpload upload, CancellationToken cancellationToken, string? id = null)
    {
        var name = FileNames.CleanOriginal(upload.OriginalName);
        if (name.Length == 0 || FileNames.ExtensionOf(name).Length == 0 && Path.GetFileNameWithoutExtension(name).Length == 0)
            return (null, T["The file has no name."]);
        var folder = MediaFolders.Normalize(upload.Folder);
        if (folder is null) return (null, T["The folder name is not valid."]);
        var alt = Clean(upload.AltText, 1000);
        var caption = Clean(upload.Caption, 1000);
        var credit = Clean(upload.Credit, 300);

        if (id is not null && !MediaStorage.IsValidId(id)) throw new ArgumentException("Not a media id.", nameof(id));
        var temp = storage.NewTempPath();
        string? work = null;
        var wroteFiles = false;
        try
        {
            // Copy once to this node's scratch folder, hashing as it goes, and stop as soon as the limit is passed.
            string sha256;
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[81920];
                long total = 0;
                int read;
                while ((read = await upload.Content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    total += read;
                    if (total > options.MaxFileBytes)
                        return (null, T["{0}: the file is larger than the limit of {1} MB.", name, options.MaxFileBytes / (1024 * 1024)]);
                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            var (inspection, refusal) = await inspector.InspectAsync(temp, name, cancellationToken);
            if (refusal is not null) return (null, $"{name}: {T[refusal.Message, refusal.Args.Select(a => a is string text ? T[text].Value : a).ToArray()]}");
            var found = inspection!;

            id ??= IdGenerator.NewId();
            var now = DateTime.UtcNow;
            var record = new MediaRecord
            {
                Id = id,
                Folder = folder,
                OriginalName = name,
                StoredName = FileNames.StoredName(id, name, found.Extension),
                ContentType = found.ContentType,
                Extension = found.Extension,
                Kind = found.Kind,
                Length = new FileInfo(temp).Length,
                Width = found.Width,
                Height = found.Height,
                PageCount = found.PageCount,
                AltText = alt,
                Caption = caption,
                Credit = credit,
                Sha256 = sha256,
                DerivativeExtension = found.Kind == MediaKind.Image ? ImagePipeline.DerivativeExtensionFor(found.Extension) : null,
                CreatedBy = upload.User,
                CreatedUtc = now,
                ModifiedUtc = now,
            };
            record.SearchKey = SearchKeyOf(record);

            if (await storage.ExistsAsync(id, cancellationToken)) return (null, $"{name}: {T["A file with this id is already stored."]}");
            var background = false;
            if (record.Kind == MediaKind.Image)
            {
                if (found.Pixels <= options.InlineMaxPixels)
                {
                    work = storage.NewWorkFolder();
                    try
                    {
                        (record.Width, record.Height) = await images.MakePublicCopiesAsync(temp, work, record.DerivativeExtension!, cancellationToken);
                        record.DerivativesReady = true;
                        record.CleanCopyReady = true;
                    }
                    catch (Exception ex) when (IsImageFailure(ex))
                    {
                        logger.LogInformation(ex, "Refused {Name}: the image could not be decoded", name);
                        return (null, $"{name}: {T["The image is damaged or incomplete and cannot be read."]}");
                    }
                }
                else background = true;
            }

            await EnsureFoldersAsync(folder, cancellationToken);
            db.Media.Add(record);
            // The record and its files commit together: on the database store the files are written on this
            // context's transaction; on the folder store they are removed again below if the commit fails.
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                wroteFiles = true;
                await using (var original = new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan))
                    await storage.Store.WriteAsync(MediaStorage.OriginalPath(record), original, transaction.GetDbTransaction(), cancellationToken);
                if (work is not null) await storage.WritePublicCopiesAsync(id, work, transaction.GetDbTransaction(), cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            db.ChangeTracker.Clear();
            if (background) EnqueueDerivatives(id);
            return (record, null);
        }
        catch
        {
            // Nothing half-stored: the scratch copies and the file's folder go with the failure.
            db.ChangeTracker.Clear();
            if (wroteFiles && !storage.Store.Transactional) await storage.DeleteFolderAsync(id!, null, CancellationToken.None);
            throw;
        }
        finally
        {
            MediaStorage.DeleteQuietly(temp);
            if (work is not null) MediaStorage.DeleteFolderQuietly(work);
        }
    }

    internal void EnqueueDerivatives(string id)
    {
        try { jobs.Enqueue<MediaDerivativeJob>(j => j.RunAsync(id, CancellationToken.None)); }
        catch (Exception ex)
        {
            // The start-up sweep enqueues every image still without derivatives.
            logger.LogWarning(ex, "Could not enqueue the derivatives of {Id}", id);
        }
    }

    internal static bool IsImageFailure(Exception ex) =>
        ex is SixLabors.ImageSharp.ImageFormatException or SixLabors.ImageSharp.Memory.InvalidMemoryOperationException
            or InvalidDataException or EndOfStreamException or NotSupportedException or ArgumentException or InvalidOperationException;

    internal async Task EnsureFoldersAsync(string folder, CancellationToken cancellationToken)
    {
        var wanted = MediaFolders.SelfAndAncestors(folder).ToList();
        if (wanted.Count == 0) return;
        var existing = await db.Folders.AsNoTracking().Where(f => wanted.Contains(f.Path)).Select(f => f.Path).ToListAsync(cancellationToken);
        foreach (var path in wanted.Except(existing))
            db.Folders.Add(new MediaFolderRecord { Path = path, Parent = MediaFolders.ParentOf(path), CreatedUtc = DateTime.UtcNow });
    }

    public async Task<MediaContent?> OpenAsync(string mediaId, MediaDerivative derivative = MediaDerivative.Original, CancellationToken cancellationToken = default)
    {
        if (!MediaStorage.IsValidId(mediaId)) return null;
        var record = await db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.Id == mediaId, cancellationToken);
        return record is null ? null : await OpenAsync(record, derivative, cancellationToken);
    }

    /// <summary>
    /// What may be sent for a file: for an image, the original is its full-size public copy (re-encoded,
    /// without metadata), and null until that copy exists; the uploaded bytes only through <see cref="OpenUntouchedAsync"/>.
    /// </summary>
    internal Task<MediaContent?> OpenAsync(MediaRecord record, MediaDerivative derivative, CancellationToken cancellationToken)
    {
        string path, contentType, etag;
        var downloadName = FileNames.DownloadName(record.OriginalName, record.Extension);
        if (derivative == MediaDerivative.Original && record.Kind != MediaKind.Image)
            return OpenAsync(record, MediaStorage.OriginalPath(record), record.ContentType, $"\"{record.Sha256}\"", downloadName, cancellationToken);
        if (derivative == MediaDerivative.Original)
        {
            if (!record.CleanCopyReady || MediaStorage.CleanCopyPath(record) is not { } cleanPath) return Task.FromResult<MediaContent?>(null);
            path = cleanPath;
            var ext = record.DerivativeExtension!;
            contentType = ext == ".jpg" ? "image/jpeg" : "image/png";
            etag = $"\"{record.Sha256[..32]}-full{ext.TrimStart('.')}\"";
            downloadName = Path.GetFileNameWithoutExtension(downloadName) + ext;
        }
        else
        {
            if (!record.DerivativesReady || MediaStorage.DerivativePath(record, derivative) is not { } derivativePath) return Task.FromResult<MediaContent?>(null);
            path = derivativePath;
            var (width, webp) = MediaStorage.WidthOf(derivative);
            var ext = webp ? ".webp" : record.DerivativeExtension!;
            contentType = webp ? "image/webp" : ext == ".jpg" ? "image/jpeg" : "image/png";
            etag = $"\"{record.Sha256[..32]}-{width}{ext.TrimStart('.')}\"";
            downloadName = $"{Path.GetFileNameWithoutExtension(downloadName)}-{width}{ext}";
        }
        return OpenAsync(record, path, contentType, etag, downloadName, cancellationToken);
    }

    /// <summary>The bytes exactly as uploaded, metadata and all: for staff with ManageMedia only (the media admin).</summary>
    internal Task<MediaContent?> OpenUntouchedAsync(MediaRecord record, CancellationToken cancellationToken) =>
        OpenAsync(record, MediaStorage.OriginalPath(record), record.ContentType, $"\"{record.Sha256}\"", FileNames.DownloadName(record.OriginalName, record.Extension), cancellationToken);

    private async Task<MediaContent?> OpenAsync(MediaRecord record, string path, string contentType, string etag, string downloadName, CancellationToken cancellationToken)
    {
        var file = await storage.Store.OpenAsync(path, cancellationToken);
        if (file is null)
        {
            logger.LogWarning("Media {Id} has a record but no file at {Path}", record.Id, path);
            return null;
        }
        return new MediaContent
        {
            ContentType = contentType,
            Length = file.Length,
            LastModified = new DateTimeOffset(DateTime.SpecifyKind(record.CreatedUtc, DateTimeKind.Utc)),
            ETag = etag,
            DownloadName = downloadName,
            PhysicalPath = file.PhysicalPath,
            OpenRead = file.OpenRead,
        };
    }

    public async Task SetRestrictedAsync(string mediaId, bool restricted, CancellationToken cancellationToken = default)
    {
        if (!MediaStorage.IsValidId(mediaId)) return;
        await db.Media.Where(m => m.Id == mediaId && m.Restricted != restricted)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Restricted, restricted).SetProperty(m => m.ModifiedUtc, DateTime.UtcNow), cancellationToken);
    }

    /// <summary>
    /// Always the derivative's own address for an image: until a background job has made it, that address
    /// redirects (uncached) to the original, so a page published right after an upload shows its image.
    /// </summary>
    public string GetUrl(MediaFile file, MediaDerivative derivative = MediaDerivative.Original) => UrlOf(file.Id, file.StoredName, file.Kind, file.ContentType, derivative);

    internal static string UrlOf(string id, string storedName, MediaKind kind, string contentType, MediaDerivative derivative)
    {
        if (derivative == MediaDerivative.Original || kind != MediaKind.Image) return $"/media/{id}/{storedName}";
        var (width, webp) = MediaStorage.WidthOf(derivative);
        var stem = Path.GetFileNameWithoutExtension(storedName);
        var ext = webp ? ".webp" : contentType == "image/jpeg" ? ".jpg" : ".png";
        return $"/media/{id}/{width.ToString(CultureInfo.InvariantCulture)}/{stem}{ext}";
    }

    public string GetSrcSet(MediaFile file, bool webp = false) => SrcSetOf(file, webp);

    internal static string SrcSetOf(MediaFile file, bool webp)
    {
        if (!file.IsImage || file.Width is not { } width) return "";
        var parts = new List<string>();
        var seen = new HashSet<int>();
        foreach (var (plain, webpDerivative, size) in ImagePipeline.Sizes.Reverse())
        {
            var actual = Math.Min(size, width);
            if (!seen.Add(actual)) continue;
            parts.Add($"{UrlOf(file.Id, file.StoredName, file.Kind, file.ContentType, webp ? webpDerivative : plain)} {actual.ToString(CultureInfo.InvariantCulture)}w");
        }
        return string.Join(", ", parts);
    }

    internal static string SearchKeyOf(MediaRecord r)
    {
        var key = Slug.Fold($"{r.OriginalName} {r.AltText} {r.Caption} {r.Folder}").ToLowerInvariant();
        return key.Length > 1400 ? key[..1400] : key;
    }

    internal static string? Clean(string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var cleaned = new string(text.Where(c => !char.IsControl(c) || c == '\n').ToArray()).Trim();
        return cleaned.Length == 0 ? null : cleaned.Length > max ? cleaned[..max] : cleaned;
    }
}
