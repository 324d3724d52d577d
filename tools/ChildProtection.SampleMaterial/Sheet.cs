namespace ChildProtection.SampleMaterial;

/// <summary>An RGB colour written as 0xRRGGBB.</summary>
public readonly record struct Rgb(uint Value)
{
    public byte R => (byte)(Value >> 16);
    public byte G => (byte)(Value >> 8);
    public byte B => (byte)Value;
    public static implicit operator Rgb(uint value) => new(value);
}

public enum Align { Left, Center, Right }

/// <summary>One thing drawn on a sheet. Coordinates are PDF points (1/72 inch) from the top-left corner.</summary>
public abstract record Shape;
public sealed record RectShape(float X, float Y, float W, float H, Rgb Fill, float Radius = 0) : Shape;
public sealed record EllipseShape(float Cx, float Cy, float Rx, float Ry, Rgb Fill) : Shape;
public sealed record PolygonShape(IReadOnlyList<(float X, float Y)> Points, Rgb Fill) : Shape;
public sealed record LineShape(float X1, float Y1, float X2, float Y2, float Width, Rgb Color) : Shape;
/// <summary>One line of text; <see cref="Y"/> is its baseline.</summary>
public sealed record TextShape(float X, float Y, float Size, bool Bold, Rgb Color, Align Align, string Text) : Shape;

/// <summary>
/// One page (a poster, a handbook page, a picture) as a list of shapes, drawn the same way by
/// <see cref="RasterRenderer"/> (PNG/JPEG through SkiaSharp) and <see cref="PdfRenderer"/> (vector PDF
/// through PDFsharp): a poster's print file and its preview image come from one description.
/// </summary>
public sealed class Sheet(float width, float height)
{
    public float Width { get; } = width;
    public float Height { get; } = height;
    public List<Shape> Shapes { get; } = [];

    public const float A3Width = 842, A3Height = 1191;
    public const float A4Width = 595, A4Height = 842;
    public const float A5Width = 420, A5Height = 595;

    public Sheet Rect(float x, float y, float w, float h, Rgb fill, float radius = 0) { Shapes.Add(new RectShape(x, y, w, h, fill, radius)); return this; }
    public Sheet Circle(float cx, float cy, float r, Rgb fill) { Shapes.Add(new EllipseShape(cx, cy, r, r, fill)); return this; }
    public Sheet Ellipse(float cx, float cy, float rx, float ry, Rgb fill) { Shapes.Add(new EllipseShape(cx, cy, rx, ry, fill)); return this; }
    public Sheet Polygon(Rgb fill, params (float X, float Y)[] points) { Shapes.Add(new PolygonShape(points, fill)); return this; }
    public Sheet Line(float x1, float y1, float x2, float y2, float width, Rgb color) { Shapes.Add(new LineShape(x1, y1, x2, y2, width, color)); return this; }
    public Sheet Text(float x, float y, float size, bool bold, Rgb color, string text, Align align = Align.Left) { Shapes.Add(new TextShape(x, y, size, bold, color, align, text)); return this; }

    /// <summary>A filled band whose top edge is a sine wave (water), from <paramref name="top"/> to the bottom of the sheet.</summary>
    public Sheet Wave(float top, float amplitude, float wavelength, float phase, Rgb fill, float? bottom = null)
    {
        var points = new List<(float, float)>();
        const int steps = 48;
        for (var i = 0; i <= steps; i++)
        {
            var x = Width * i / steps;
            points.Add((x, top + amplitude * MathF.Sin((x / wavelength + phase) * 2 * MathF.PI)));
        }
        points.Add((Width, bottom ?? Height));
        points.Add((0, bottom ?? Height));
        Shapes.Add(new PolygonShape(points, fill));
        return this;
    }

    /// <summary>
    /// Text wrapped to <paramref name="width"/> (measured with the embedded font), one line every
    /// <paramref name="leading"/> × size; returns the baseline below the last line.
    /// </summary>
    public float Paragraph(float x, float y, float width, float size, bool bold, Rgb color, string text, float leading = 1.4f, Align align = Align.Left)
    {
        foreach (var line in Fonts.Wrap(text, size, bold, width))
        {
            var lx = align switch { Align.Center => x + width / 2, Align.Right => x + width, _ => x };
            Text(lx, y, size, bold, color, line, align);
            y += size * leading;
        }
        return y;
    }
}
