using SkiaSharp;

namespace ChildProtection.SampleMaterial;

/// <summary>Draws a <see cref="Sheet"/> into a PNG or JPEG with SkiaSharp, <c>scale</c> pixels per point.</summary>
public static class RasterRenderer
{
    public static byte[] Png(Sheet sheet, float scale) => Encode(sheet, scale, SKEncodedImageFormat.Png, 100);
    public static byte[] Jpeg(Sheet sheet, float scale, int quality = 82) => Encode(sheet, scale, SKEncodedImageFormat.Jpeg, quality);

    private static byte[] Encode(Sheet sheet, float scale, SKEncodedImageFormat format, int quality)
    {
        var width = (int)MathF.Round(sheet.Width * scale);
        var height = (int)MathF.Round(sheet.Height * scale);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            canvas.Scale(scale);
            foreach (var shape in sheet.Shapes) Draw(canvas, shape);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    private static SKPaint Fill(Rgb c) => new() { Color = new SKColor(c.R, c.G, c.B), IsAntialias = true, Style = SKPaintStyle.Fill };

    private static void Draw(SKCanvas canvas, Shape shape)
    {
        switch (shape)
        {
            case RectShape r:
                using (var paint = Fill(r.Fill))
                {
                    if (r.Radius > 0) canvas.DrawRoundRect(r.X, r.Y, r.W, r.H, r.Radius, r.Radius, paint);
                    else canvas.DrawRect(r.X, r.Y, r.W, r.H, paint);
                }
                break;
            case EllipseShape e:
                using (var paint = Fill(e.Fill)) canvas.DrawOval(e.Cx, e.Cy, e.Rx, e.Ry, paint);
                break;
            case PolygonShape p:
                using (var paint = Fill(p.Fill))
                using (var path = new SKPath())
                {
                    path.MoveTo(p.Points[0].X, p.Points[0].Y);
                    foreach (var (x, y) in p.Points.Skip(1)) path.LineTo(x, y);
                    path.Close();
                    canvas.DrawPath(path, paint);
                }
                break;
            case LineShape l:
                using (var paint = Fill(l.Color))
                {
                    paint.Style = SKPaintStyle.Stroke;
                    paint.StrokeWidth = l.Width;
                    paint.StrokeCap = SKStrokeCap.Round;
                    canvas.DrawLine(l.X1, l.Y1, l.X2, l.Y2, paint);
                }
                break;
            case TextShape t:
                using (var paint = Fill(t.Color))
                using (var font = new SKFont(Fonts.Face(t.Bold), t.Size) { Subpixel = true, Edging = SKFontEdging.Antialias })
                {
                    var align = t.Align switch { Align.Center => SKTextAlign.Center, Align.Right => SKTextAlign.Right, _ => SKTextAlign.Left };
                    canvas.DrawText(t.Text, t.X, t.Y, align, font, paint);
                }
                break;
        }
    }
}
