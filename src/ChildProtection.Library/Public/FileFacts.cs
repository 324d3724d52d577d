using System.Globalization;
using ChildProtection.Media;

namespace ChildProtection.Library.Public;

/// <summary>How a file is described to people: format, size and pages, the Vietnamese way ("PDF · 2,4 MB · 12 trang").</summary>
public static class FileFacts
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    public static string Format(MediaFile file) => file.Kind switch
    {
        MediaKind.Pdf => "PDF",
        MediaKind.WordDocument => "DOCX",
        MediaKind.Presentation => "PPTX",
        MediaKind.Spreadsheet => "XLSX",
        MediaKind.Svg => "SVG",
        _ => file.ContentType switch
        {
            "image/jpeg" => "JPEG",
            "image/png" => "PNG",
            "image/gif" => "GIF",
            "image/webp" => "WebP",
            _ => Path.GetExtension(file.OriginalName).TrimStart('.').ToUpperInvariant() is { Length: > 0 } ext ? ext : "Tệp",
        },
    };

    public static string Size(long bytes)
    {
        if (bytes < 1024) return $"{bytes.ToString(Vi)} byte";
        if (bytes < 1024 * 1024) return $"{(bytes / 1024.0).ToString("0", Vi)} KB";
        if (bytes < 1024L * 1024 * 1024) return $"{(bytes / 1024.0 / 1024.0).ToString("0.#", Vi)} MB";
        return $"{(bytes / 1024.0 / 1024.0 / 1024.0).ToString("0.##", Vi)} GB";
    }

    public static string? Pages(MediaFile file) => file.PageCount is > 0 and var n ? $"{n} trang" : null;

    public static string? Dimensions(MediaFile file) => file.Width is > 0 && file.Height is > 0 ? $"{file.Width} × {file.Height} px" : null;

    public static string Describe(MediaFile file) =>
        string.Join(" · ", new[] { Format(file), Size(file.Length), Pages(file) ?? Dimensions(file) }.Where(s => !string.IsNullOrEmpty(s)));
}
