using QRCoder;

namespace ChildProtection.Library.Qr;

/// <summary>
/// QR codes for print: error correction level Q (a quarter of the code may be smudged or covered on a
/// poster and it still reads), a quiet zone of four modules, black on white.
/// </summary>
public static class QrCodes
{
    /// <summary>A PNG of 20 pixels per module: about 3 cm at 300 dpi for a page address, enough for an A4 or A3 print.</summary>
    public static byte[] Png(string url)
    {
        using var data = Generate(url);
        return new PngByteQRCode(data).GetGraphic(20);
    }

    /// <summary>An SVG that scales to any print size.</summary>
    public static string Svg(string url)
    {
        using var data = Generate(url);
        return new SvgQRCode(data).GetGraphic(10);
    }

    private static QRCodeData Generate(string url)
    {
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.Q);
    }
}
