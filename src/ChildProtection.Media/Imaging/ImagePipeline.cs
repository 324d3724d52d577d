using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Metadata.Profiles.Icc;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace ChildProtection.Media.Imaging;

/// <summary>
/// ImageSharp, hardened (DESIGN.md, Media): a Configuration of our own with only the JPEG, PNG, GIF and
/// WebP formats (no TIFF, BMP, TGA, PBM), an allocator that refuses oversized buffers, GIFs read to their
/// first frame only, and output without metadata. Callers identify first and check the limits before
/// anything here decodes.
/// </summary>
public sealed class ImagePipeline
{
    /// <summary>The widths of the derivatives, largest first (made by successive resizing).</summary>
    public static readonly (MediaDerivative Plain, MediaDerivative Webp, int Width)[] Sizes =
    [
        (MediaDerivative.PageWidth, MediaDerivative.PageWidthWebp, 1280),
        (MediaDerivative.Card, MediaDerivative.CardWebp, 640),
        (MediaDerivative.Thumbnail, MediaDerivative.ThumbnailWebp, 320),
    ];

    private readonly MediaOptions options;

    public ImagePipeline(MediaOptions options)
    {
        this.options = options;
        Configuration = CreateConfiguration(options);
    }

    public Configuration Configuration { get; }

    public static Configuration CreateConfiguration(MediaOptions options)
    {
        var configuration = new Configuration(
            new JpegConfigurationModule(),
            new PngConfigurationModule(),
            new GifConfigurationModule(),
            new WebpConfigurationModule())
        {
            MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions
            {
                AllocationLimitMegabytes = options.AllocationLimitMegabytes,
                MaximumPoolSizeMegabytes = options.PoolMegabytes,
            }),
            // Never more threads per image than cores: two uploads at once must not starve the site.
            MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount),
        };
        // Derivatives are still images: read a GIF's first frame only, and never more than the cap.
        configuration.ImageFormatsManager.SetDecoder(GifFormat.Instance, new GifDecoder
        {
            DecodingMode = SixLabors.ImageSharp.Metadata.FrameDecodingMode.First,
            MaxFrames = (uint)Math.Max(1, options.MaxGifFrames),
            IgnoreMetadata = true,
        });
        return configuration;
    }

    /// <summary>Width, height and format from the header alone; null when no registered format recognises it.</summary>
    public (IImageInfo Info, IImageFormat Format)? Identify(Stream stream)
    {
        var info = Image.Identify(Configuration, stream, out var format);
        return info is null || format is null ? null : (info, format);
    }

    /// <summary>The format derivatives other than WebP are written in: JPEG for JPEG sources, PNG otherwise (transparency).</summary>
    public static string DerivativeExtensionFor(string sourceExtension) => sourceExtension == ".jpg" ? ".jpg" : ".png";

    /// <summary>The file name of the full-size public copy in a file's folder (<c>full.jpg</c> or <c>full.png</c>).</summary>
    public static string CleanCopyName(string derivativeExtension) => "full" + derivativeExtension;

    /// <summary>
    /// Decodes the original once, turns it upright (EXIF orientation), drops its metadata, and writes what
    /// the public is ever sent: the full-size copy (<see cref="CleanCopyName"/>) and each width (never wider
    /// than the image) as the plain format and as WebP, into <paramref name="folder"/> as <c>{width}{ext}</c>.
    /// Re-encoding is the point: whatever the upload carried besides pixels (EXIF GPS and camera, XMP, IPTC,
    /// comments, text chunks, bytes after the end marker of a polyglot) is not in what it writes. Files are
    /// written under a temporary name and renamed, so a reader never sees half a copy.
    /// </summary>
    /// <returns>The size of the image as served (after rotation).</returns>
    public async Task<(int Width, int Height)> MakePublicCopiesAsync(string originalPath, string folder, string derivativeExtension, CancellationToken cancellationToken)
    {
        await using var input = new FileStream(originalPath, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        // JPEG has no alpha: 24-bit pixels take a quarter less memory than 32-bit for the biggest posters.
        using Image image = derivativeExtension == ".jpg"
            ? await Image.LoadAsync<Rgb24>(Configuration, input, cancellationToken)
            : await Image.LoadAsync<Rgba32>(Configuration, input, cancellationToken);
        image.Mutate(x => x.AutoOrient());
        StripMetadata(image);
        var served = (image.Width, image.Height);

        IImageEncoder plain = derivativeExtension == ".jpg"
            ? new JpegEncoder { Quality = options.JpegQuality }
            : new PngEncoder { CompressionLevel = PngCompressionLevel.DefaultCompression, IgnoreMetadata = true };
        // The full-size copy is what prints: a higher quality than the page sizes.
        IImageEncoder full = derivativeExtension == ".jpg"
            ? new JpegEncoder { Quality = Math.Max(options.JpegQuality, 90) }
            : plain;
        await SaveAsync(image, Path.Combine(folder, CleanCopyName(derivativeExtension)), full, cancellationToken);
        var webp = new WebpEncoder { Quality = options.WebpQuality, FileFormat = WebpFileFormatType.Lossy, Method = WebpEncodingMethod.Level4 };
        foreach (var (_, _, width) in Sizes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (image.Width > width)
            {
                var height = Math.Max(1, (int)Math.Round(image.Height * (double)width / image.Width));
                image.Mutate(x => x.Resize(new ResizeOptions { Size = new Size(width, height), Sampler = KnownResamplers.Bicubic, Mode = ResizeMode.Stretch }));
            }
            await SaveAsync(image, Path.Combine(folder, $"{width}{derivativeExtension}"), plain, cancellationToken);
            await SaveAsync(image, Path.Combine(folder, $"{width}.webp"), webp, cancellationToken);
        }
        return served;
    }

    /// <summary>Width and height as the image is shown: swapped when its EXIF orientation turns it a quarter (5–8).</summary>
    public static (int Width, int Height) UprightSize(IImageInfo info)
    {
        var orientation = info.Metadata?.ExifProfile?.GetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.Orientation)?.Value ?? 1;
        return orientation is >= 5 and <= 8 ? (info.Height, info.Width) : (info.Width, info.Height);
    }

    private static async Task SaveAsync(Image image, string path, IImageEncoder encoder, CancellationToken cancellationToken)
    {
        // A unique temporary name: the start-up backfill and a derivative job may write the same file at once.
        var temp = $"{path}.{Guid.NewGuid():N}.part";
        await using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
            await image.SaveAsync(output, encoder, cancellationToken);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>
    /// Drops EXIF (camera, GPS, time), XMP, IPTC, PNG text chunks and GIF comments. An RGB ICC profile stays: without it a poster made in Adobe
    /// RGB would print and show with washed-out colours. A CMYK profile goes, since the decoder already
    /// turned the pixels into RGB.
    /// </summary>
    public static void StripMetadata(Image image)
    {
        var icc = image.Metadata.IccProfile;
        var keepIcc = icc is not null && icc.Header.DataColorSpace == IccColorSpaceType.Rgb;
        image.Metadata.ExifProfile = null;
        image.Metadata.XmpProfile = null;
        image.Metadata.IptcProfile = null;
        image.Metadata.IccProfile = keepIcc ? icc : null;
        foreach (var frame in image.Frames)
        {
            frame.Metadata.ExifProfile = null;
            frame.Metadata.XmpProfile = null;
            frame.Metadata.IptcProfile = null;
            frame.Metadata.IccProfile = keepIcc ? icc : null;
        }
        image.Metadata.GetPngMetadata().TextData.Clear();
        image.Metadata.GetGifMetadata().Comments.Clear();
    }
}
