using System.Globalization;
using System.Security.Cryptography;

namespace ChildProtection.Core.Files;

/// <summary>
/// Copies every stored file (under the modules' <see cref="StoredFilePrefix"/>es) from one store to the other:
/// <c>media move-to Database|Folder</c>. Each file is hashed (SHA-256) as it is read from the source and again
/// as it is read back from the destination; only a match counts as moved. Resumable: a file the destination
/// already holds with the source's hash is skipped, so a run stopped half-way continues where it was. The
/// source is kept unless asked otherwise (switching <c>Media:Store</c> back is then an instant way back);
/// with <c>removeSource</c> each file goes from the source only once its copy is verified.
/// </summary>
public sealed class FileStoreMove(IFileStore source, IFileStore destination, TextWriter output)
{
    public sealed record Summary(int Total, int Copied, int Skipped, int Failed, long BytesCopied, int Removed);

    public async Task<Summary> RunAsync(IEnumerable<string> prefixes, bool removeSource, CancellationToken cancellationToken)
    {
        var files = new List<StoredFileInfo>();
        foreach (var prefix in prefixes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            files.AddRange(await source.ListAsync(prefix, cancellationToken));
        var totalBytes = files.Sum(f => f.Length);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{files.Count} files ({Size(totalBytes)}) in the {source.Kind} store to copy to the {destination.Kind} store"));
        int copied = 0, skipped = 0, failed = 0, removed = 0, done = 0;
        long bytes = 0, bytesSeen = 0;
        var lastReport = Environment.TickCount64;
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            done++;
            bytesSeen += file.Length;
            try
            {
                var sourceHash = await HashOfAsync(source, file.Path, cancellationToken);
                if (sourceHash is null) { done--; continue; } // removed meanwhile (an expired import preview)
                if (await HashOfAsync(destination, file.Path, cancellationToken) == sourceHash)
                    skipped++;
                else
                {
                    var written = await CopyAsync(file.Path, cancellationToken);
                    if (written != sourceHash)
                    {
                        failed++;
                        output.WriteLine($"  {file.Path}: the copy does not match the source (changed while copying?); not moved");
                        await destination.DeleteAsync(file.Path, null, cancellationToken);
                        continue;
                    }
                    copied++;
                    bytes += file.Length;
                }
                if (removeSource)
                {
                    await source.DeleteAsync(file.Path, null, cancellationToken);
                    removed++;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
            {
                failed++;
                output.WriteLine($"  {file.Path}: {ex.Message}");
            }
            if (Environment.TickCount64 - lastReport > 2000 || done == files.Count)
            {
                lastReport = Environment.TickCount64;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {done} of {files.Count} files, {Size(bytesSeen)} of {Size(totalBytes)}"));
            }
        }
        var summary = new Summary(files.Count, copied, skipped, failed, bytes, removed);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Done: {copied} copied ({Size(bytes)}), {skipped} already there, {failed} failed, {removed} removed from the {source.Kind} store"));
        return summary;
    }

    /// <summary>Copies one file, hashing what is read; returns the hash of the copy as read back from the destination.</summary>
    private async Task<string?> CopyAsync(string path, CancellationToken cancellationToken)
    {
        var file = await source.OpenAsync(path, cancellationToken) ?? throw new FileNotFoundException($"{path} disappeared from the source.");
        await using (var content = file.OpenRead())
            await destination.WriteAsync(path, content, null, cancellationToken);
        return await HashOfAsync(destination, path, cancellationToken);
    }

    private static async Task<string?> HashOfAsync(IFileStore store, string path, CancellationToken cancellationToken)
    {
        var file = await store.OpenAsync(path, cancellationToken);
        if (file is null) return null;
        await using var content = file.OpenRead();
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
    }

    private static string Size(long bytes) => bytes >= 1024 * 1024
        ? (bytes / 1024.0 / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " MB"
        : (bytes / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " KB";
}
