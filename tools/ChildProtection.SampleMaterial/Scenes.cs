namespace ChildProtection.SampleMaterial;

/// <summary>The small pictures the material is built from (water and a life buoy, balloons over a house, a phone with 111).</summary>
public static class Scenes
{
    public const uint Navy = 0x0B3954, Blue = 0x1C7ED6, Sky = 0xD0EBFF, Sea = 0x1971C2, SeaLight = 0x4DABF7,
        Sun = 0xFCC419, Red = 0xC92A2A, Orange = 0xD9480F, OrangeLight = 0xFFE8CC, Green = 0x2B8A3E, Grass = 0x69DB7C,
        Cream = 0xFFF9DB, White = 0xFFFFFF, Ink = 0x212529, Grey = 0x495057, Pink = 0xF06595, Violet = 0x7048E8;

    /// <summary>Sun, sea in three waves and a red and white life buoy floating on it, inside the box.</summary>
    public static void Water(Sheet s, float x, float y, float w, float h)
    {
        s.Rect(x, y, w, h, Sky);
        s.Circle(x + w * 0.8f, y + h * 0.25f, h * 0.14f, Sun);
        WaveIn(s, x, y + h * 0.55f, w, h * 0.45f, h * 0.04f, w / 3.2f, 0.0f, SeaLight);
        var cx = x + w * 0.35f;
        var cy = y + h * 0.62f;
        var r = h * 0.19f;
        s.Circle(cx, cy, r, Red);
        // Four white bands on the ring: wedges between the outer and inner circles.
        for (var i = 0; i < 4; i++)
        {
            var a0 = (i * 90 + 20) * MathF.PI / 180;
            var a1 = (i * 90 + 55) * MathF.PI / 180;
            s.Polygon(White, (cx, cy), (cx + r * MathF.Cos(a0), cy + r * MathF.Sin(a0)), (cx + r * MathF.Cos((a0 + a1) / 2), cy + r * MathF.Sin((a0 + a1) / 2)), (cx + r * MathF.Cos(a1), cy + r * MathF.Sin(a1)));
        }
        s.Circle(cx, cy, r * 0.55f, SeaLight);
        WaveIn(s, x, y + h * 0.72f, w, h * 0.28f, h * 0.035f, w / 2.7f, 0.3f, Sea);
        WaveIn(s, x, y + h * 0.86f, w, h * 0.14f, h * 0.03f, w / 2.2f, 0.6f, Navy);
    }

    /// <summary>Green grass, a small house and five balloons on strings.</summary>
    public static void Balloons(Sheet s, float x, float y, float w, float h)
    {
        s.Rect(x, y, w, h, Cream);
        // A low hill: an arc across the box, kept inside it.
        var hill = new List<(float, float)>();
        for (var i = 0; i <= 32; i++)
        {
            var t = i / 32f;
            hill.Add((x + w * t, y + h * (0.8f - 0.1f * MathF.Sin(t * MathF.PI))));
        }
        hill.Add((x + w, y + h));
        hill.Add((x, y + h));
        s.Shapes.Add(new PolygonShape(hill, Grass));
        var hx = x + w * 0.62f; var hy = y + h * 0.62f; var hw = w * 0.2f; var hh = h * 0.18f;
        s.Rect(hx, hy, hw, hh, White);
        s.Polygon(Red, (hx - hw * 0.1f, hy), (hx + hw / 2, hy - hh * 0.7f), (hx + hw * 1.1f, hy));
        s.Rect(hx + hw * 0.4f, hy + hh * 0.45f, hw * 0.2f, hh * 0.55f, Orange);
        uint[] colours = [Red, Blue, Sun, Violet, Pink];
        for (var i = 0; i < colours.Length; i++)
        {
            var bx = x + w * (0.14f + i * 0.085f);
            var by = y + h * (0.22f + (i % 2) * 0.1f);
            s.Line(bx, by + h * 0.1f, x + w * 0.3f, y + h * 0.72f, 1.2f, Grey);
            s.Ellipse(bx, by, w * 0.045f, h * 0.1f, colours[i]);
        }
    }

    /// <summary>A phone handset shape with 111 on its screen.</summary>
    public static void Phone(Sheet s, float cx, float cy, float h, uint body, uint screen, uint digits)
    {
        var w = h * 0.52f;
        s.Rect(cx - w / 2, cy - h / 2, w, h, body, h * 0.08f);
        s.Rect(cx - w * 0.4f, cy - h * 0.38f, w * 0.8f, h * 0.68f, screen, h * 0.03f);
        s.Text(cx, cy + h * 0.06f, h * 0.24f, true, digits, "111", Align.Center);
        s.Circle(cx, cy + h * 0.41f, h * 0.045f, screen);
    }

    private static void WaveIn(Sheet s, float x, float top, float w, float h, float amplitude, float wavelength, float phase, Rgb fill)
    {
        var points = new List<(float, float)>();
        const int steps = 40;
        for (var i = 0; i <= steps; i++)
        {
            var px = x + w * i / steps;
            points.Add((px, top + amplitude * MathF.Sin(((px - x) / wavelength + phase) * 2 * MathF.PI)));
        }
        points.Add((x + w, top + h));
        points.Add((x, top + h));
        s.Shapes.Add(new PolygonShape(points, fill));
    }
}
