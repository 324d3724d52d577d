using System.Data.Common;
using ChildProtection.Core.Files;
using ChildProtection.Core.Modules;
using ChildProtection.Media.Data;
using ChildProtection.Media.Imaging;

namespace ChildProtection.Media;

/// <summary>
/// Where files live, in the site's file store (<see cref="IFileStore"/>: the folder under
/// <c>App:DataPath</c> or the database): <c>media/{first two letters of the id}/{id}/</c> holds the original
/// under its stored name (never sent to the public when it is an image), the full-size public copy as
/// <c>full.jpg|png</c> and the derivatives as <c>{width}.jpg|png|webp</c>. Uploads are first spooled to this
/// node's <c>media/.tmp</c> (checked and processed there) and written to the store only when accepted.
/// </summary>
public sealed class MediaStorage
{
    public const string Prefix = "media/";
    private const string IdAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public MediaStorage(AppPaths paths, IFileStore store)
    {
        Store = store;
        TempFolder = paths.Combine("media", ".tmp");
        Directory.CreateDirectory(TempFolder);
    }

    public IFileStore Store { get; }

    /// <summary>This node's scratch folder for uploads and image processing (never shared, swept at start).</summary>
    public string TempFolder { get; }

    public static bool IsValidId(string? id) => id is { Length: 26 } && id.All(c => IdAlphabet.Contains(c));

    /// <summary>The store prefix of a file's folder, ending in '/'.</summary>
    public static string FolderFor(string id)
    {
        if (!IsValidId(id)) throw new ArgumentException("Not a media id.", nameof(id));
        return $"{Prefix}{id[..2]}/{id}/";
    }

    /// <summary>The id a stored name belongs to (<c>media/ab/{id}/…</c>), or null.</summary>
    public static string? IdOf(string storedPath)
    {
        var parts = storedPath.Split('/');
        return parts.Length >= 4 && parts[0] == "media" && IsValidId(parts[2]) ? parts[2] : null;
    }

    public static string OriginalPath(MediaRecord record) => FolderFor(record.Id) + record.StoredName;

    /// <summary>The full-size public copy of an image (re-encoded, without metadata); null for other kinds.</summary>
    public static string? CleanCopyPath(MediaRecord record) =>
        record.Kind == MediaKind.Image && record.DerivativeExtension is { } ext ? FolderFor(record.Id) + ImagePipeline.CleanCopyName(ext) : null;

    public string NewTempPath() => Path.Combine(TempFolder, Guid.NewGuid().ToString("N") + ".upload");

    /// <summary>A new scratch folder for the public copies of one image.</summary>
    public string NewWorkFolder() => Directory.CreateDirectory(Path.Combine(TempFolder, Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>The file of a derivative, or null for the original or a file that has none.</summary>
    public static string? DerivativePath(MediaRecord record, MediaDerivative derivative)
    {
        if (derivative == MediaDerivative.Original || record.Kind != MediaKind.Image || record.DerivativeExtension is null) return null;
        var (width, webp) = WidthOf(derivative);
        return $"{FolderFor(record.Id)}{width}{(webp ? ".webp" : record.DerivativeExtension)}";
    }

    public static (int Width, bool Webp) WidthOf(MediaDerivative derivative)
    {
        foreach (var (plain, webp, width) in ImagePipeline.Sizes)
        {
            if (plain == derivative) return (width, false);
            if (webp == derivative) return (width, true);
        }
        throw new ArgumentOutOfRangeException(nameof(derivative));
    }

    public static MediaDerivative? DerivativeFor(int width, bool webp)
    {
        foreach (var (plain, w, size) in ImagePipeline.Sizes)
            if (size == width) return webp ? w : plain;
        return null;
    }

    public async Task<bool> ExistsAsync(string id, CancellationToken cancellationToken) =>
        (await Store.ListAsync(FolderFor(id), cancellationToken)).Count > 0;

    /// <summary>Removes a file's folder with everything in it (with the caller's transaction on the database store).</summary>
    public Task DeleteFolderAsync(string id, DbTransaction? transaction = null, CancellationToken cancellationToken = default) =>
        Store.DeletePrefixAsync(FolderFor(id), transaction, cancellationToken);

    /// <summary>Writes every file a <see cref="ImagePipeline.MakePublicCopiesAsync"/> left in <paramref name="workFolder"/> into the file's folder.</summary>
    public async Task WritePublicCopiesAsync(string id, string workFolder, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        foreach (var file in Directory.EnumerateFiles(workFolder).Where(f => !f.EndsWith(".part", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            await using var content = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await Store.WriteAsync(FolderFor(id) + Path.GetFileName(file), content, transaction, cancellationToken);
        }
    }

    /// <summary>
    /// Makes an already stored image's public copies: the original is read from the store (straight from
    /// disk on the folder store, copied to this node's scratch folder from the database), processed there,
    /// and each copy written back to the store.
    /// </summary>
    public async Task<(int Width, int Height)> MakePublicCopiesAsync(MediaRecord record, ImagePipeline images, CancellationToken cancellationToken)
    {
        var original = await Store.OpenAsync(OriginalPath(record), cancellationToken)
            ?? throw new FileNotFoundException($"The original of media {record.Id} is not in the store.");
        string? temp = null;
        var work = NewWorkFolder();
        try
        {
            var source = original.PhysicalPath;
            if (source is null)
            {
                temp = NewTempPath();
                await using (var input = original.OpenRead())
                await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
                    await input.CopyToAsync(output, 81920, cancellationToken);
                source = temp;
            }
            var size = await images.MakePublicCopiesAsync(source, work, record.DerivativeExtension!, cancellationToken);
            await WritePublicCopiesAsync(record.Id, work, null, cancellationToken);
            return size;
        }
        finally
        {
            if (temp is not null) DeleteQuietly(temp);
            DeleteFolderQuietly(work);
        }
    }

    public static void DeleteQuietly(string path)
    {
        try { if (File.Exists(path)) File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public static void DeleteFolderQuietly(string path)
    {
        try { if (Directory.Exists(path)) Directory.Delete(path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
