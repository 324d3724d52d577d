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

    /// <summary>
    /// Decodes the original once and writes each width (never wider than the original) as the plain
    /// format and as WebP, into <paramref name="folder"/> as <c>{width}{ext}</c>. Files are written under a
    /// temporary name and renamed, so a reader never sees half a derivative.
    /// </summary>
    public async Task MakeDerivativesAsync(string originalPath, string folder, string derivativeExtension, CancellationToken cancellationToken)
    {
        await using var input = new FileStream(originalPath, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        // JPEG has no alpha: 24-bit pixels take a quarter less memory than 32-bit for the biggest posters.
        using Image image = derivativeExtension == ".jpg"
            ? await Image.LoadAsync<Rgb24>(Configuration, input, cancellationToken)
            : await Image.LoadAsync<Rgba32>(Configuration, input, cancellationToken);
        image.Mutate(x => x.AutoOrient());
        StripMetadata(image);

        IImageEncoder plain = derivativeExtension == ".jpg"
            ? new JpegEncoder { Quality = options.JpegQuality }
            : new PngEncoder { CompressionLevel = PngCompressionLevel.DefaultCompression, IgnoreMetadata = true };
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
    }

    private static async Task SaveAsync(Image image, string path, IImageEncoder encoder, CancellationToken cancellationToken)
    {
        var temp = path + ".part";
        await using (var output = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
            await image.SaveAsync(output, encoder, cancellationToken);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>
    /// Drops EXIF (camera, GPS), XMP and IPTC. An RGB ICC profile stays: without it a poster made in Adobe
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
