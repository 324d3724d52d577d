using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Metadata.Profiles.Iptc;
using SixLabors.ImageSharp.Metadata.Profiles.Xmp;
using SixLabors.ImageSharp.PixelFormats;

namespace ChildProtection.Media.Tests;

/// <summary>What a phone or a careless export puts in a file: GPS, camera and time, XMP, IPTC, PNG text, a turned image, HTML after the end, active PDFs.</summary>
public static class TrustFiles
{
    public const string Make = "CanonTestMake";
    public const string Model = "EOS Test Model 5D";
    public const string Taken = "2026:06:01 08:30:00";
    public const string XmpMarker = "xmp-gps-21.0285N";
    public const string IptcCity = "IptcCityMarker";
    public const string PngText = "GPS 21.0285 105.8542 PngTextMarker";

    /// <summary>EXIF with the position of Hoàn Kiếm lake (21°1′42″N 105°51′15″E), the camera, the time; XMP and IPTC too.</summary>
    public static ExifProfile Exif(ushort orientation = 1)
    {
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Make, Make);
        exif.SetValue(ExifTag.Model, Model);
        exif.SetValue(ExifTag.DateTime, Taken);
        exif.SetValue(ExifTag.DateTimeOriginal, Taken);
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, new[] { new Rational(21, 1), new Rational(1, 1), new Rational(42, 1) });
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, new[] { new Rational(105, 1), new Rational(51, 1), new Rational(15, 1) });
        if (orientation != 1) exif.SetValue(ExifTag.Orientation, orientation);
        return exif;
    }

    private static XmpProfile Xmp() => new(Encoding.UTF8.GetBytes(
        $"<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" exif:GPSLatitude=\"{XmpMarker}\"/></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>"));

    public static byte[] GpsJpeg(int width = 1400, int height = 900, ushort orientation = 1)
    {
        using var image = TestFiles.Poster(width, height);
        image.Metadata.ExifProfile = Exif(orientation);
        image.Metadata.XmpProfile = Xmp();
        var iptc = new IptcProfile();
        iptc.SetValue(IptcTag.City, IptcCity);
        image.Metadata.IptcProfile = iptc;
        using var ms = new MemoryStream();
        image.Save(ms, new JpegEncoder { Quality = 85 });
        return ms.ToArray();
    }

    public static byte[] GpsPng(int width = 700, int height = 400)
    {
        using var image = TestFiles.Poster(width, height).CloneAs<Rgba32>();
        image.Metadata.ExifProfile = Exif();
        image.Metadata.XmpProfile = Xmp();
        image.Metadata.GetPngMetadata().TextData.Add(new PngTextData("Comment", PngText, "", ""));
        using var ms = new MemoryStream();
        image.Save(ms, new PngEncoder());
        return ms.ToArray();
    }

    public const string PolyglotHtml = "<html><body><script>fetch('/admin/users').then(r=>r.text()).then(t=>alert(t))</script></body></html>";

    /// <summary>A real JPEG, then an HTML page after its end marker.</summary>
    public static byte[] Polyglot() => [.. TestFiles.Jpeg(200, 150), .. Encoding.ASCII.GetBytes(PolyglotHtml)];

    /// <summary>
    /// A one-page PDF written by hand: <paramref name="catalogExtra"/> goes into the catalog, <paramref name="pageExtra"/>
    /// into the page, and <paramref name="objects"/> become objects 4, 5 …, with a correct cross-reference table.
    /// </summary>
    public static byte[] Pdf(string catalogExtra = "", string pageExtra = "", params string[] objects)
    {
        var bodies = new List<string>
        {
            $"<< /Type /Catalog /Pages 2 0 R {catalogExtra} >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] {pageExtra} >>",
        };
        bodies.AddRange(objects);
        var sb = new StringBuilder("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        var offsets = new List<int>();
        for (var i = 0; i < bodies.Count; i++)
        {
            offsets.Add(Encoding.Latin1.GetByteCount(sb.ToString()));
            sb.Append($"{i + 1} 0 obj\n{bodies[i]}\nendobj\n");
        }
        var xref = Encoding.Latin1.GetByteCount(sb.ToString());
        sb.Append($"xref\n0 {bodies.Count + 1}\n0000000000 65535 f \n");
        foreach (var o in offsets) sb.Append($"{o:D10} 00000 n \n");
        sb.Append($"trailer\n<< /Size {bodies.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(sb.ToString());
    }
}
