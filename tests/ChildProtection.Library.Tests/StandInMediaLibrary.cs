using System.Collections.Concurrent;
using System.Security.Cryptography;
using ChildProtection.Media;

namespace ChildProtection.Library.Tests;

// TEMPORARY: used only while the Media module's implementation is not on main; LibrarySite registers it
// when the site has no IMediaLibrary of its own. Files in a folder, kinds by magic bytes.
internal sealed class StandInMediaLibrary(string folder) : IMediaLibrary
{
    private readonly ConcurrentDictionary<string, MediaFile> files = new();

    public Task<MediaFile?> GetAsync(string mediaId, CancellationToken cancellationToken = default) =>
        Task.FromResult(files.TryGetValue(mediaId, out var f) ? f : null);

    public Task<IReadOnlyDictionary<string, MediaFile>> GetManyAsync(IEnumerable<string> mediaIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, MediaFile>>(mediaIds.Distinct().Where(files.ContainsKey).ToDictionary(i => i, i => files[i]));

    public async Task<MediaStoreResult> StoreAsync(MediaUpload upload, CancellationToken cancellationToken = default)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, id);
        await using (var target = File.Create(path)) await upload.Content.CopyToAsync(target, cancellationToken);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var (kind, type) = bytes.AsSpan().StartsWith("%PDF"u8) ? (MediaKind.Pdf, "application/pdf")
            : bytes.AsSpan().StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47 }) ? (MediaKind.Image, "image/png")
            : ((MediaKind?)null, "");
        if (kind is null)
        {
            File.Delete(path);
            return new MediaStoreResult(null, ["Định dạng tệp không được chấp nhận."]);
        }
        var pages = kind == MediaKind.Pdf ? System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(bytes), @"/Type\s*/Page[^s]").Count : (int?)null;
        var file = new MediaFile(id, upload.Folder, upload.OriginalName, id + "-" + upload.OriginalName, type, kind.Value, bytes.Length,
            kind == MediaKind.Image ? 100 : null, kind == MediaKind.Image ? 140 : null, pages, upload.AltText, null, null,
            Convert.ToHexString(SHA256.HashData(bytes)), false, kind == MediaKind.Image, DateTime.UtcNow, DateTime.UtcNow);
        files[id] = file;
        return new MediaStoreResult(file, []);
    }

    public Task<MediaContent?> OpenAsync(string mediaId, MediaDerivative derivative = MediaDerivative.Original, CancellationToken cancellationToken = default)
    {
        if (!files.TryGetValue(mediaId, out var f) || (derivative != MediaDerivative.Original && !f.IsImage)) return Task.FromResult<MediaContent?>(null);
        var path = Path.Combine(folder, mediaId);
        return Task.FromResult<MediaContent?>(new MediaContent
        {
            ContentType = f.ContentType, Length = f.Length, LastModified = new DateTimeOffset(f.ModifiedUtc), ETag = $"\"{f.Sha256[..16]}\"",
            DownloadName = f.OriginalName, PhysicalPath = path, OpenRead = () => File.OpenRead(path),
        });
    }

    public Task SetRestrictedAsync(string mediaId, bool restricted, CancellationToken cancellationToken = default)
    {
        if (files.TryGetValue(mediaId, out var f)) files[mediaId] = f with { Restricted = restricted };
        return Task.CompletedTask;
    }

    public string GetUrl(MediaFile file, MediaDerivative derivative = MediaDerivative.Original) => $"/media/{file.Id}/{derivative.ToString().ToLowerInvariant()}/{file.StoredName}";

    public string GetSrcSet(MediaFile file, bool webp = false) => file.IsImage ? $"/media/{file.Id}/thumbnail 320w, /media/{file.Id}/card 640w" : "";
}
