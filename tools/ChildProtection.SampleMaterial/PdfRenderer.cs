using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace ChildProtection.SampleMaterial;

/// <summary>
/// Draws <see cref="Sheet"/>s as the pages of one vector PDF with PDFsharp; the Noto Sans faces are embedded
/// (subset, Unicode), so the Vietnamese text prints on any printer and can be searched and copied.
/// </summary>
public static class PdfRenderer
{
    /// <summary>The fixed date the documents carry: the same input gives the same bytes.</summary>
    public static readonly DateTime Issued = new(2024, 5, 1, 8, 0, 0, DateTimeKind.Utc);

    public static byte[] Render(string title, string subject, IEnumerable<Sheet> sheets)
    {
        using var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Subject = subject;
        document.Info.Author = "Phòng Văn hóa – Thông tin";
        document.Info.Creator = "ChildProtection sample material";
        document.Info.CreationDate = Issued;
        document.Info.ModificationDate = Issued;
        document.Language = "vi-VN";
        foreach (var sheet in sheets)
        {
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(sheet.Width);
            page.Height = XUnit.FromPoint(sheet.Height);
            using var gfx = XGraphics.FromPdfPage(page);
            foreach (var shape in sheet.Shapes) Draw(gfx, shape);
        }
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return Settle(output.ToArray());
    }

    /// <summary>
    /// PDFsharp names each embedded font subset with six random capitals (<c>JCOJUA+Noto Sans</c>) and gives
    /// the file a random <c>/ID</c>. Both are rewritten in place (same length, so the cross-reference
    /// offsets stay right): subsets are named AAAAAA, AAAAAB … in order of appearance, and the ID is the MD5
    /// of the rest of the file (the XMP uuids likewise), so the same pages always give the same bytes.
    /// </summary>
    internal static byte[] Settle(byte[] pdf)
    {
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        text = System.Text.RegularExpressions.Regex.Replace(text, @"(?<=/(?:FontName|BaseFont)\s*/)([A-Z]{6})(?=\+)", m =>
        {
            if (!tags.TryGetValue(m.Value, out var tag))
            {
                var n = tags.Count;
                var letters = new char[6];
                for (var i = 5; i >= 0; i--) { letters[i] = (char)('A' + n % 26); n /= 26; }
                tags[m.Value] = tag = new string(letters);
            }
            return tag;
        });
        // The XMP metadata carries random uuids too (document and instance id): made from the content as well.
        const string Uuid = @"(?<=uuid:)[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
        var withoutUuids = System.Text.RegularExpressions.Regex.Replace(text, Uuid, m => new string('0', m.Length));
        var seed = System.Security.Cryptography.MD5.HashData(System.Text.Encoding.Latin1.GetBytes(
            System.Text.RegularExpressions.Regex.Replace(withoutUuids, @"/ID\s*\[[^\]]*\]", "")));
        var uuidCount = 0;
        text = System.Text.RegularExpressions.Regex.Replace(text, Uuid, _ =>
        {
            var bytes = (byte[])seed.Clone();
            bytes[0] ^= (byte)uuidCount++;
            return new Guid(bytes).ToString();
        });
        var id = System.Text.RegularExpressions.Regex.Match(text, @"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]");
        if (id.Success)
        {
            var blank = text[..id.Index] + new string('0', id.Length) + text[(id.Index + id.Length)..];
            var hash = Convert.ToHexString(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.Latin1.GetBytes(blank)));
            hash = (hash + hash)[..id.Groups[1].Length];
            text = text[..id.Groups[1].Index] + hash + text[(id.Groups[1].Index + id.Groups[1].Length)..];
            text = text[..id.Groups[2].Index] + hash[..id.Groups[2].Length] + text[(id.Groups[2].Index + id.Groups[2].Length)..];
        }
        return System.Text.Encoding.Latin1.GetBytes(text);
    }

    private static readonly XPdfFontOptions FontOptions = new(PdfFontEncoding.Unicode);
    private static XBrush Brush(Rgb c) => new XSolidBrush(XColor.FromArgb(c.R, c.G, c.B));

    private static void Draw(XGraphics gfx, Shape shape)
    {
        switch (shape)
        {
            case RectShape r:
                if (r.Radius > 0) gfx.DrawRoundedRectangle(Brush(r.Fill), r.X, r.Y, r.W, r.H, r.Radius * 2, r.Radius * 2);
                else gfx.DrawRectangle(Brush(r.Fill), r.X, r.Y, r.W, r.H);
                break;
            case EllipseShape e:
                gfx.DrawEllipse(Brush(e.Fill), e.Cx - e.Rx, e.Cy - e.Ry, e.Rx * 2, e.Ry * 2);
                break;
            case PolygonShape p:
                gfx.DrawPolygon(Brush(p.Fill), p.Points.Select(pt => new XPoint(pt.X, pt.Y)).ToArray(), XFillMode.Winding);
                break;
            case LineShape l:
                var pen = new XPen(XColor.FromArgb(l.Color.R, l.Color.G, l.Color.B), l.Width) { LineCap = XLineCap.Round };
                gfx.DrawLine(pen, l.X1, l.Y1, l.X2, l.Y2);
                break;
            case TextShape t:
                var font = new XFont(Fonts.Family, t.Size, t.Bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, FontOptions);
                var width = gfx.MeasureString(t.Text, font).Width;
                var x = t.Align switch { Align.Center => t.X - width / 2, Align.Right => t.X - width, _ => t.X };
                gfx.DrawString(t.Text, font, Brush(t.Color), x, t.Y, XStringFormats.BaseLineLeft);
                break;
        }
    }
}
