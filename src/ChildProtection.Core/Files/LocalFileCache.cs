using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace ChildProtection.Core.Files;

/// <summary>
/// A node's bounded copy of hot files from the database store (<c>Media:LocalCacheMegabytes</c>, on local
/// disk under <c>App:DataPath/cache/files</c>), never needed for correctness: an entry is named by the
/// file's content version, so a file replaced on another node is simply a different entry (the stale one
/// ages out), and the least recently used entries are removed once the total passes the bound. Emptied at
/// start: what it held may be older than the database.
/// </summary>
public sealed class LocalFileCache
{
    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly object evictLock = new();
    private long total;

    public LocalFileCache(string folder, long maxBytes)
    {
        Folder = folder;
        MaxBytes = maxBytes;
        if (Directory.Exists(folder))
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        Directory.CreateDirectory(folder);
    }

    public string Folder { get; }
    public long MaxBytes { get; }

    /// <summary>Files larger than a quarter of the cache are always read from the database (one would push out everything else).</summary>
    public long MaxEntryBytes => MaxBytes / 4;

    public long TotalBytes => Interlocked.Read(ref total);

    public string? TryGet(string path, string version)
    {
        var key = KeyOf(path, version);
        if (!entries.TryGetValue(key, out var entry)) return null;
        entry.LastUse = Environment.TickCount64;
        return entry.FullPath;
    }

    /// <summary>Copies the file in (under a temporary name, then renamed) and returns where it is.</summary>
    public async Task<string> AddAsync(string path, string version, Func<Stream> open, CancellationToken cancellationToken)
    {
        var key = KeyOf(path, version);
        var full = Path.Combine(Folder, key);
        var temp = full + "." + Guid.NewGuid().ToString("N") + ".part";
        try
        {
            await using (var source = open())
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
                await source.CopyToAsync(output, 81920, cancellationToken);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { }
            throw;
        }
        var entry = new Entry(full, new FileInfo(full).Length, PathKey(path)) { LastUse = Environment.TickCount64 };
        if (entries.TryAdd(key, entry)) Interlocked.Add(ref total, entry.Length);
        Evict(keep: key);
        return full;
    }

    /// <summary>This node replaced or removed the file: its entries go now rather than when they age out.</summary>
    public void Forget(string path)
    {
        var pathKey = PathKey(path);
        foreach (var (key, entry) in entries)
            if (entry.PathKey == pathKey) Remove(key);
    }

    public void ForgetAll()
    {
        foreach (var key in entries.Keys) Remove(key);
    }

    private void Evict(string keep)
    {
        lock (evictLock)
        {
            while (Interlocked.Read(ref total) > MaxBytes)
            {
                var oldest = entries.Where(e => e.Key != keep).OrderBy(e => e.Value.LastUse).Select(e => e.Key).FirstOrDefault();
                if (oldest is null) break;
                Remove(oldest);
            }
        }
    }

    private void Remove(string key)
    {
        if (!entries.TryRemove(key, out var entry)) return;
        Interlocked.Add(ref total, -entry.Length);
        // A response already sending it keeps its open handle (Unix); a new one falls back to the database.
        try { File.Delete(entry.FullPath); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static string PathKey(string path) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..24];

    private static string KeyOf(string path, string version) => PathKey(path) + "-" + version;

    private sealed class Entry(string fullPath, long length, string pathKey)
    {
        public string FullPath { get; } = fullPath;
        public long Length { get; } = length;
        public string PathKey { get; } = pathKey;
        public long LastUse { get; set; }
    }
}
