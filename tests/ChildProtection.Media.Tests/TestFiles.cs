using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Writer;

namespace ChildProtection.Media.Tests;

/// <summary>Files made in test code (nothing large is committed): posters, PDFs, Office packages and the bad inputs.</summary>
public static class TestFiles
{
    /// <summary>A poster: coloured bands and a diagonal, so resizing has something to do.</summary>
    public static Image<Rgb24> Poster(int width, int height, byte seed = 40)
    {
        var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                    row[x] = new Rgb24((byte)(seed + y * 200 / height), (byte)(x * 255 / width), (byte)(((x + y) / 7 % 2 == 0) ? 230 : 30));
            }
        });
        return image;
    }

    public static byte[] Jpeg(int width = 800, int height = 600, int quality = 85)
    {
        using var image = Poster(width, height);
        using var ms = new MemoryStream();
        image.Save(ms, new JpegEncoder { Quality = quality });
        return ms.ToArray();
    }

    public static byte[] Png(int width = 400, int height = 300)
    {
        using var image = Poster(width, height, 90).CloneAs<Rgba32>();
        using var ms = new MemoryStream();
        image.Save(ms, new PngEncoder());
        return ms.ToArray();
    }

    public static byte[] Gif(int width = 64, int height = 64, int frames = 1)
    {
        using var image = new Image<Rgba32>(width, height, new Rgba32(200, 30, 30));
        for (var i = 1; i < frames; i++)
        {
            using var frame = new Image<Rgba32>(width, height, new Rgba32((byte)(i * 37), 80, 160));
            image.Frames.AddFrame(frame.Frames.RootFrame);
        }
        using var ms = new MemoryStream();
        image.Save(ms, new GifEncoder());
        return ms.ToArray();
    }

    public static byte[] Webp(int width = 300, int height = 200)
    {
        using var image = Poster(width, height, 10);
        using var ms = new MemoryStream();
        image.Save(ms, new WebpEncoder { FileFormat = WebpFileFormatType.Lossy });
        return ms.ToArray();
    }

    public static byte[] Pdf(int pages = 3)
    {
        var builder = new PdfDocumentBuilder();
        for (var i = 0; i < pages; i++) builder.AddPage(PageSize.A4);
        return builder.Build();
    }

    /// <summary>A minimal Office Open XML package of the given kind ("word", "ppt", "xl").</summary>
    public static byte[] Office(string kind)
    {
        using var ms = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(ms, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, string text)
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open());
                w.Write(text);
            }
            Add("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            Add("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>");
            Add(kind switch { "word" => "word/document.xml", "ppt" => "ppt/presentation.xml", _ => "xl/workbook.xml" }, "<?xml version=\"1.0\"?><x/>");
        }
        return ms.ToArray();
    }
}
