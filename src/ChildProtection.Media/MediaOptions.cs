using Microsoft.Extensions.Configuration;

namespace ChildProtection.Media;

/// <summary>
/// The limits of the media library (<c>Media:*</c> in configuration). Every limit is checked before the
/// expensive work it guards: bytes while the upload is copied, pixels and frames from the header,
/// before any decoding.
/// </summary>
public sealed class MediaOptions
{
    /// <summary><c>Media:MaxFileMegabytes</c> — any file (default 50).</summary>
    public long MaxFileBytes { get; init; } = 50L * 1024 * 1024;
    /// <summary><c>Media:MaxMegapixels</c> — an image's width × height (default 80).</summary>
    public long MaxPixels { get; init; } = 80_000_000;
    /// <summary><c>Media:MaxGifFrames</c> (default 300).</summary>
    public int MaxGifFrames { get; init; } = 300;
    /// <summary><c>Media:AllocationLimitMegabytes</c> — the image allocator refuses any single buffer larger than this (default 400: an 80 MP image in 32-bit pixels is 320 MB).</summary>
    public int AllocationLimitMegabytes { get; init; } = 400;
    /// <summary><c>Media:PoolMegabytes</c> — memory the image allocator may keep pooled between images (default 16: uploads are rare, and a pool kept full between them is resident memory the rest of the site — a notice going out — cannot use).</summary>
    public int PoolMegabytes { get; init; } = 16;
    /// <summary><c>Media:InlineMegapixels</c> — images up to this size get their derivatives during the upload; larger ones in a background job (default 8).</summary>
    public long InlineMaxPixels { get; init; } = 8_000_000;
    /// <summary><c>Media:MaxSvgMegabytes</c> — SVG files are read whole to be checked (default 5).</summary>
    public long MaxSvgBytes { get; init; } = 5L * 1024 * 1024;
    /// <summary><c>Media:JpegQuality</c> / <c>Media:WebpQuality</c> for derivatives.</summary>
    public int JpegQuality { get; init; } = 82;
    public int WebpQuality { get; init; } = 78;

    public static MediaOptions From(IConfiguration configuration)
    {
        var s = configuration.GetSection("Media");
        var d = new MediaOptions();
        return new MediaOptions
        {
            MaxFileBytes = (long)(s.GetValue("MaxFileMegabytes", d.MaxFileBytes / 1024.0 / 1024.0) * 1024 * 1024),
            MaxPixels = (long)(s.GetValue("MaxMegapixels", d.MaxPixels / 1_000_000.0) * 1_000_000),
            MaxGifFrames = s.GetValue("MaxGifFrames", d.MaxGifFrames),
            AllocationLimitMegabytes = s.GetValue("AllocationLimitMegabytes", d.AllocationLimitMegabytes),
            PoolMegabytes = s.GetValue("PoolMegabytes", d.PoolMegabytes),
            InlineMaxPixels = (long)(s.GetValue("InlineMegapixels", d.InlineMaxPixels / 1_000_000.0) * 1_000_000),
            MaxSvgBytes = (long)(s.GetValue("MaxSvgMegabytes", d.MaxSvgBytes / 1024.0 / 1024.0) * 1024 * 1024),
            JpegQuality = Math.Clamp(s.GetValue("JpegQuality", d.JpegQuality), 30, 100),
            WebpQuality = Math.Clamp(s.GetValue("WebpQuality", d.WebpQuality), 30, 100),
        };
    }
}
