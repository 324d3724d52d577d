using ChildProtection.Core.Modules;
using ChildProtection.Media.Data;
using ChildProtection.Media.Imaging;

namespace ChildProtection.Media;

/// <summary>
/// Where files live: <c>App:DataPath/media/{first two letters of the id}/{id}/</c> holds the original under
/// its stored name (never sent to the public when it is an image), the full-size public copy as
/// <c>full.jpg|png</c> and the derivatives as <c>{width}.jpg|png|webp</c>. Uploads are first written to
/// <c>media/.tmp</c> and moved in only when accepted.
/// </summary>
public sealed class MediaStorage
{
    private const string IdAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public MediaStorage(AppPaths paths)
    {
        Root = paths.Combine("media");
        TempFolder = Path.Combine(Root, ".tmp");
        Directory.CreateDirectory(TempFolder);
    }

    public string Root { get; }
    public string TempFolder { get; }

    public static bool IsValidId(string? id) => id is { Length: 26 } && id.All(c => IdAlphabet.Contains(c));

    public string FolderFor(string id)
    {
        if (!IsValidId(id)) throw new ArgumentException("Not a media id.", nameof(id));
        return Path.Combine(Root, id[..2], id);
    }

    public string OriginalPath(MediaRecord record) => Path.Combine(FolderFor(record.Id), record.StoredName);

    /// <summary>The full-size public copy of an image (re-encoded, without metadata); null for other kinds.</summary>
    public string? CleanCopyPath(MediaRecord record) =>
        record.Kind == MediaKind.Image && record.DerivativeExtension is { } ext ? Path.Combine(FolderFor(record.Id), ImagePipeline.CleanCopyName(ext)) : null;

    public string NewTempPath() => Path.Combine(TempFolder, Guid.NewGuid().ToString("N") + ".upload");

    /// <summary>The file of a derivative, or null for the original or a file that has none.</summary>
    public string? DerivativePath(MediaRecord record, MediaDerivative derivative)
    {
        if (derivative == MediaDerivative.Original || record.Kind != MediaKind.Image || record.DerivativeExtension is null) return null;
        var (width, webp) = WidthOf(derivative);
        return Path.Combine(FolderFor(record.Id), $"{width}{(webp ? ".webp" : record.DerivativeExtension)}");
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

    /// <summary>Removes a file's folder with everything in it (best effort: a reader may hold a file open on Windows).</summary>
    public void DeleteFolder(string id)
    {
        var folder = FolderFor(id);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 2) { Thread.Sleep(50); }
            catch (UnauthorizedAccessException) when (attempt < 2) { Thread.Sleep(50); }
        }
    }

    public static void DeleteQuietly(string path)
    {
        try { if (File.Exists(path)) File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
