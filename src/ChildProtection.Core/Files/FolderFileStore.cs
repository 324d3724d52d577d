using System.Data.Common;
using System.Globalization;

namespace ChildProtection.Core.Files;

/// <summary>
/// The files under <c>App:DataPath</c>, exactly where they have always been (<c>media/ab/{id}/full.jpg</c> is
/// <c>App:DataPath/media/ab/{id}/full.jpg</c>): one node's disk, the embedded default. A write goes to a
/// temporary name beside the file and is renamed, so a reader never sees half a file.
/// </summary>
public sealed class FolderFileStore(string root) : IFileStore
{
    public string Root { get; } = Path.GetFullPath(root);

    public FileStoreKind Kind => FileStoreKind.Folder;
    public bool Transactional => false;

    public string FullPath(string path) => Path.Combine(Root, StoredPaths.Check(path).Replace('/', Path.DirectorySeparatorChar));

    public Task<StoredFile?> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        var full = FullPath(path);
        var info = new FileInfo(full);
        if (!info.Exists) return Task.FromResult<StoredFile?>(null);
        return Task.FromResult<StoredFile?>(new StoredFile
        {
            Path = path,
            Length = info.Length,
            LastWriteUtc = info.LastWriteTimeUtc,
            Version = VersionOf(info),
            PhysicalPath = full,
            OpenRead = () => new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous),
        });
    }

    public async Task<StoredFileInfo> WriteAsync(string path, Stream content, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        var full = FullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // Unique: two writers of one name (a derivative job and the start-up backfill) never share a temporary file.
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.part");
        try
        {
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
                await content.CopyToAsync(output, 81920, cancellationToken);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        var info = new FileInfo(full);
        return new StoredFileInfo(path, info.Length, info.LastWriteTimeUtc, VersionOf(info));
    }

    public Task<bool> ExistsAsync(string path, CancellationToken cancellationToken = default) => Task.FromResult(File.Exists(FullPath(path)));

    public Task DeleteAsync(string path, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        var full = FullPath(path);
        TryDelete(full);
        RemoveEmptyFolders(Path.GetDirectoryName(full)!);
        return Task.CompletedTask;
    }

    public Task DeletePrefixAsync(string prefix, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        StoredPaths.CheckPrefix(prefix);
        if (prefix.Length == 0) throw new ArgumentException("Refusing to delete every file of the site.", nameof(prefix));
        if (prefix.EndsWith('/'))
        {
            // A folder: removed with everything in it (a few tries: a reader may hold a file open on Windows).
            var folder = Path.Combine(Root, prefix.TrimEnd('/').Replace('/', Path.DirectorySeparatorChar));
            for (var attempt = 0; attempt < 3; attempt++)
            {
                try
                {
                    if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
                    break;
                }
                catch (IOException) when (attempt < 2) { Thread.Sleep(50); }
                catch (UnauthorizedAccessException) when (attempt < 2) { Thread.Sleep(50); }
            }
            RemoveEmptyFolders(Path.GetDirectoryName(folder)!);
            return Task.CompletedTask;
        }
        foreach (var file in Enumerate(prefix)) DeleteAsync(file.Path, null, cancellationToken);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredFileInfo>> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        StoredPaths.CheckPrefix(prefix);
        return Task.FromResult<IReadOnlyList<StoredFileInfo>>(Enumerate(prefix).OrderBy(f => f.Path, StringComparer.Ordinal).ToList());
    }

    private IEnumerable<StoredFileInfo> Enumerate(string prefix)
    {
        // Walk only the deepest folder the prefix names, then filter by the rest of it.
        var slash = prefix.LastIndexOf('/');
        var folder = slash < 0 ? Root : Path.Combine(Root, prefix[..slash].Replace('/', Path.DirectorySeparatorChar));
        if (!Directory.Exists(folder)) yield break;
        foreach (var file in Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 }))
        {
            var relative = Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (!relative.StartsWith(prefix, StringComparison.Ordinal) || !StoredPaths.IsValid(relative)) continue;
            var info = new FileInfo(file);
            if (!info.Exists) continue;
            yield return new StoredFileInfo(relative, info.Length, info.LastWriteTimeUtc, VersionOf(info));
        }
    }

    private static string VersionOf(FileInfo info) =>
        info.LastWriteTimeUtc.Ticks.ToString("x", CultureInfo.InvariantCulture) + "-" + info.Length.ToString("x", CultureInfo.InvariantCulture);

    /// <summary>Empty folders left by a delete go too, up to (never including) the store's root.</summary>
    private void RemoveEmptyFolders(string folder)
    {
        try
        {
            while (folder.Length > Root.Length && folder.StartsWith(Root, StringComparison.Ordinal) && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
                folder = Path.GetDirectoryName(folder)!;
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static void TryDelete(string path)
    {
        try { if (File.Exists(path)) File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
