using System.IO.Compression;
using System.Text;
using System.Xml;
using ChildProtection.Media.Imaging;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;

namespace ChildProtection.Media.Checking;

/// <summary>A refusal: an English resource key and its arguments (the caller localizes it).</summary>
public sealed record Refusal(string Message, params object[] Args);

/// <summary>What a file is, judged by its bytes.</summary>
public sealed record Inspection(MediaKind Kind, string ContentType, string Extension, int? Width = null, int? Height = null, int? PageCount = null)
{
    public long Pixels => (long)(Width ?? 0) * (Height ?? 0);
}

/// <summary>
/// Accepts a file by its content, never by its name: the header is read first (Image.Identify for images,
/// the PDF header and page tree, the Office Open XML package), and the extension of the name must agree
/// with what the bytes are. Everything else is refused with a message that says why.
/// </summary>
public sealed class FileInspector(ImagePipeline images, MediaOptions options)
{
    private enum Sniffed { Unknown, Jpeg, Png, Gif, Webp, Pdf, Zip, Svg, Tiff, Bmp, Html, Ico, Heic, Text }

    /// <summary>Each accepted format: its kind, content type, our extension and the extensions a name may carry.</summary>
    private static readonly Dictionary<string, (MediaKind Kind, string ContentType, string Extension, string[] Names, string Label)> Formats = new()
    {
        ["jpeg"] = (MediaKind.Image, "image/jpeg", ".jpg", [".jpg", ".jpeg", ".jpe", ".jfif"], "a JPEG image"),
        ["png"] = (MediaKind.Image, "image/png", ".png", [".png"], "a PNG image"),
        ["gif"] = (MediaKind.Image, "image/gif", ".gif", [".gif"], "a GIF image"),
        ["webp"] = (MediaKind.Image, "image/webp", ".webp", [".webp"], "a WebP image"),
        ["pdf"] = (MediaKind.Pdf, "application/pdf", ".pdf", [".pdf"], "a PDF document"),
        ["docx"] = (MediaKind.WordDocument, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", [".docx"], "a Word document (DOCX)"),
        ["pptx"] = (MediaKind.Presentation, "application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx", [".pptx"], "a PowerPoint presentation (PPTX)"),
        ["xlsx"] = (MediaKind.Spreadsheet, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", [".xlsx"], "an Excel workbook (XLSX)"),
        ["svg"] = (MediaKind.Svg, "image/svg+xml", ".svg", [".svg"], "an SVG drawing"),
    };

    public const string AcceptedList = "Accepted: JPEG, PNG, GIF and WebP images, PDF, Word (DOCX), PowerPoint (PPTX), Excel (XLSX) and SVG (download only).";

    /// <summary>Inspects a complete, seekable file (the upload's temporary copy).</summary>
    public async Task<(Inspection? Result, Refusal? Refusal)> InspectAsync(string path, string originalName, CancellationToken cancellationToken)
    {
        var length = new FileInfo(path).Length;
        if (length == 0) return (null, new("The file is empty."));
        if (length > options.MaxFileBytes) return (null, new("The file is larger than the limit of {0} MB.", options.MaxFileBytes / (1024 * 1024)));

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        var head = new byte[Math.Min(1024, (int)Math.Min(length, 1024))];
        await stream.ReadExactlyAsync(head, cancellationToken);
        stream.Position = 0;
        var sniffed = Sniff(head);
        var nameExtension = FileNames.ExtensionOf(originalName);

        string key;
        switch (sniffed)
        {
            case Sniffed.Jpeg: key = "jpeg"; break;
            case Sniffed.Png: key = "png"; break;
            case Sniffed.Gif: key = "gif"; break;
            case Sniffed.Webp: key = "webp"; break;
            case Sniffed.Pdf: key = "pdf"; break;
            case Sniffed.Svg: key = "svg"; break;
            case Sniffed.Zip:
                var office = OfficeKind(stream);
                if (office is null) return (null, new("The file is a ZIP archive, not a Word, PowerPoint or Excel document. " + AcceptedList));
                key = office;
                break;
            case Sniffed.Tiff: return (null, new("TIFF images are not accepted: save the image as JPEG or PNG and upload it again."));
            case Sniffed.Bmp: return (null, new("BMP images are not accepted: save the image as JPEG or PNG and upload it again."));
            case Sniffed.Heic: return (null, new("HEIC photos are not accepted: save the photo as JPEG and upload it again."));
            case Sniffed.Html: return (null, new("The file is a web page (HTML), whatever its name says. " + AcceptedList));
            default: return (null, new("This kind of file is not accepted. " + AcceptedList));
        }

        var format = Formats[key];
        if (!format.Names.Contains(nameExtension))
            return (null, nameExtension.Length == 0
                ? new("The file's name has no extension; the content is {0}, so its name should end in {1}.", format.Label, format.Extension)
                : new("The file's content is {0} but its name ends in {1}. Rename it to end in {2}, or upload the right file.", format.Label, nameExtension, format.Extension));

        return format.Kind switch
        {
            MediaKind.Image => InspectImage(stream, key, format.ContentType, format.Extension),
            MediaKind.Pdf => InspectPdf(path, format.ContentType),
            MediaKind.Svg => await InspectSvgAsync(stream, length, format.ContentType, cancellationToken),
            _ => (new Inspection(format.Kind, format.ContentType, format.Extension), null),
        };
    }

    private static Sniffed Sniff(ReadOnlySpan<byte> h)
    {
        if (h.Length >= 3 && h[0] == 0xFF && h[1] == 0xD8 && h[2] == 0xFF) return Sniffed.Jpeg;
        if (h.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return Sniffed.Png;
        if (h.StartsWith("GIF87a"u8) || h.StartsWith("GIF89a"u8)) return Sniffed.Gif;
        if (h.Length >= 12 && h.StartsWith("RIFF"u8) && h[8..12].SequenceEqual("WEBP"u8)) return Sniffed.Webp;
        if (h.StartsWith("%PDF-"u8)) return Sniffed.Pdf;
        if (h.Length >= 4 && h[0] == (byte)'P' && h[1] == (byte)'K' && h[2] == 3 && h[3] == 4) return Sniffed.Zip;
        if (h.StartsWith("II*\0"u8) || h.StartsWith("MM\0*"u8)) return Sniffed.Tiff;
        if (h.StartsWith("BM"u8) && h.Length >= 14) return Sniffed.Bmp;
        if (h.Length >= 4 && h[0] == 0 && h[1] == 0 && h[2] == 1 && h[3] == 0) return Sniffed.Ico;
        if (h.Length >= 12 && h[4..8].SequenceEqual("ftyp"u8) && (h[8..12].SequenceEqual("heic"u8) || h[8..12].SequenceEqual("heix"u8) || h[8..12].SequenceEqual("mif1"u8))) return Sniffed.Heic;
        // Text: look past a BOM, white space, an XML declaration and comments for the first element.
        var text = Encoding.UTF8.GetString(h).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        var lower = text.ToLowerInvariant();
        while (true)
        {
            if (lower.StartsWith("<?xml", StringComparison.Ordinal) || lower.StartsWith("<!--", StringComparison.Ordinal))
            {
                var end = lower.StartsWith("<?xml", StringComparison.Ordinal) ? lower.IndexOf("?>", StringComparison.Ordinal) : lower.IndexOf("-->", StringComparison.Ordinal);
                if (end < 0) break;
                lower = lower[(end + (lower[1] == '?' ? 2 : 3))..].TrimStart();
                continue;
            }
            break;
        }
        if (lower.StartsWith("<svg", StringComparison.Ordinal) || (lower.StartsWith("<!doctype svg", StringComparison.Ordinal))) return Sniffed.Svg;
        foreach (var tag in new[] { "<!doctype html", "<html", "<head", "<body", "<script", "<iframe", "<meta", "<div", "<a ", "<p>", "<title", "<style", "<img", "<form", "<table" })
            if (lower.StartsWith(tag, StringComparison.Ordinal)) return Sniffed.Html;
        if (lower.Contains("<html", StringComparison.Ordinal) || lower.Contains("<script", StringComparison.Ordinal)) return Sniffed.Html;
        return Sniffed.Unknown;
    }

    private static string? OfficeKind(Stream stream)
    {
        stream.Position = 0;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > 10_000) return null;
            bool types = false, word = false, ppt = false, xl = false;
            foreach (var entry in zip.Entries)
            {
                switch (entry.FullName)
                {
                    case "[Content_Types].xml": types = true; break;
                    case "word/document.xml": word = true; break;
                    case "ppt/presentation.xml": ppt = true; break;
                    case "xl/workbook.xml": xl = true; break;
                }
            }
            if (!types) return null;
            return (word, ppt, xl) switch { (true, false, false) => "docx", (false, true, false) => "pptx", (false, false, true) => "xlsx", _ => null };
        }
        catch (InvalidDataException) { return null; }
        finally { stream.Position = 0; }
    }

    private (Inspection?, Refusal?) InspectImage(Stream stream, string key, string contentType, string extension)
    {
        // Structure first (cheap, no pixels): a truncated file or a GIF with thousands of frames stops here.
        var structure = key switch
        {
            "jpeg" => ImageStructure.CheckJpeg(stream),
            "png" => ImageStructure.CheckPng(stream),
            "gif" => ImageStructure.CheckGif(stream, options.MaxGifFrames),
            "webp" => ImageStructure.CheckWebp(stream),
            _ => null,
        };
        stream.Position = 0;
        if (structure is not null) return (null, structure);

        (IImageInfo Info, SixLabors.ImageSharp.Formats.IImageFormat Format)? identified;
        try { identified = images.Identify(stream); }
        catch (Exception ex) when (ex is ImageFormatException or InvalidDataException or EndOfStreamException or ArgumentException or NotSupportedException or InvalidOperationException)
        {
            return (null, new("The image is damaged or incomplete and cannot be read."));
        }
        finally { stream.Position = 0; }
        if (identified is null) return (null, new("The image is damaged or incomplete and cannot be read."));
        var (info, format) = identified.Value;
        var expected = key switch { "jpeg" => (object)JpegFormat.Instance, "png" => PngFormat.Instance, "gif" => GifFormat.Instance, _ => WebpFormat.Instance };
        if (!ReferenceEquals(format, expected)) return (null, new("The image is damaged or incomplete and cannot be read."));
        if (info.Width <= 0 || info.Height <= 0) return (null, new("The image is damaged or incomplete and cannot be read."));
        var pixels = (long)info.Width * info.Height;
        if (pixels > options.MaxPixels)
            return (null, new("The image is {0} × {1} pixels ({2:0.#} megapixels); at most {3:0.#} megapixels are accepted. Make it smaller and upload it again.",
                info.Width, info.Height, pixels / 1_000_000.0, options.MaxPixels / 1_000_000.0));
        // Width and height are those of the image as served: turned upright, as the public copies are.
        var (width, height) = ImagePipeline.UprightSize(info);
        return (new Inspection(MediaKind.Image, contentType, extension, width, height), null);
    }

    private static (Inspection?, Refusal?) InspectPdf(string path, string contentType)
    {
        int pages;
        PdfActiveContent.Finding finding;
        try
        {
            using var document = UglyToad.PdfPig.PdfDocument.Open(path, new UglyToad.PdfPig.ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            pages = document.NumberOfPages;
            if (pages <= 0) return (null, new("The PDF file is damaged or cannot be read."));
            finding = PdfActiveContent.Find(document);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // An encrypted PDF still has pages we cannot count; anything else is damaged.
            if (!ex.GetType().Name.Contains("Encrypt", StringComparison.Ordinal)) return (null, new("The PDF file is damaged or cannot be read."));
            finding = PdfActiveContent.Scan(File.ReadAllBytes(path));
            pages = 0;
        }
        var refusal = finding switch
        {
            PdfActiveContent.Finding.JavaScript => new Refusal("The PDF contains JavaScript, which could run when it is opened. Save or print it again as a plain PDF (without scripts or form actions) and upload it again."),
            PdfActiveContent.Finding.Launch => new Refusal("The PDF contains an action that starts another program (Launch). Save or print it again as a plain PDF and upload it again."),
            PdfActiveContent.Finding.JavaScriptLink => new Refusal("The PDF contains a link to a javascript: address. Remove the link, save the PDF again and upload it again."),
            PdfActiveContent.Finding.EmbeddedFile => new Refusal("The PDF carries embedded files (attachments inside the PDF). Upload those files separately and the PDF without them."),
            _ => null,
        };
        if (refusal is not null) return (null, refusal);
        return (new Inspection(MediaKind.Pdf, contentType, ".pdf", PageCount: pages > 0 ? pages : null), null);
    }

    private async Task<(Inspection?, Refusal?)> InspectSvgAsync(Stream stream, long length, string contentType, CancellationToken cancellationToken)
    {
        if (length > options.MaxSvgBytes) return (null, new("SVG files may be at most {0} MB.", options.MaxSvgBytes / (1024 * 1024)));
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            Async = true,
            IgnoreComments = true,
            MaxCharactersInDocument = options.MaxSvgBytes,
        };
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            var root = true;
            while (await reader.ReadAsync())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (reader.NodeType != XmlNodeType.Element) continue;
                var name = reader.LocalName.ToLowerInvariant();
                if (root && name != "svg") return (null, new("The file is not an SVG drawing. " + AcceptedList));
                root = false;
                if (name is "script" or "foreignobject" or "iframe" or "embed" or "object" or "handler" or "listener")
                    return (null, new("The SVG file contains script or embedded content, which is not accepted."));
                if (reader.HasAttributes)
                {
                    while (reader.MoveToNextAttribute())
                    {
                        var attr = reader.LocalName.ToLowerInvariant();
                        var value = reader.Value.Trim().ToLowerInvariant();
                        if (attr.StartsWith("on", StringComparison.Ordinal) || value.StartsWith("javascript:", StringComparison.Ordinal) || value.StartsWith("data:text/html", StringComparison.Ordinal))
                            return (null, new("The SVG file contains script or embedded content, which is not accepted."));
                    }
                    reader.MoveToElement();
                }
            }
            if (root) return (null, new("The file is not an SVG drawing. " + AcceptedList));
        }
        catch (XmlException) { return (null, new("The SVG file is not well-formed XML (or declares a DTD) and is not accepted.")); }
        finally { stream.Position = 0; }
        return (new Inspection(MediaKind.Svg, contentType, ".svg"), null);
    }
}
