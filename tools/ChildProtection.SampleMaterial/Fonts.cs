using PdfSharp.Fonts;
using SkiaSharp;

namespace ChildProtection.SampleMaterial;

/// <summary>
/// Noto Sans regular and bold, embedded in this program (Fonts/, SIL Open Font License): every letter of
/// Vietnamese is in them, and the output does not depend on the fonts of the machine that runs it.
/// </summary>
public static class Fonts
{
    public const string Family = "Noto Sans";
    public static readonly byte[] Regular = Load("NotoSans-Regular.ttf");
    public static readonly byte[] Bold = Load("NotoSans-Bold.ttf");
    private static readonly SKTypeface RegularFace = SKTypeface.FromData(SKData.CreateCopy(Regular));
    private static readonly SKTypeface BoldFace = SKTypeface.FromData(SKData.CreateCopy(Bold));

    public static SKTypeface Face(bool bold) => bold ? BoldFace : RegularFace;

    public static float Measure(string text, float size, bool bold)
    {
        using var font = new SKFont(Face(bold), size);
        return font.MeasureText(text);
    }

    /// <summary>Greedy word wrap; a word longer than the line stays whole on its own line.</summary>
    public static List<string> Wrap(string text, float size, bool bold, float width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && Measure(candidate, size, bold) > width)
                {
                    lines.Add(line);
                    line = word;
                }
                else line = candidate;
            }
            lines.Add(line);
        }
        return lines;
    }

    private static byte[] Load(string name)
    {
        using var stream = typeof(Fonts).Assembly.GetManifestResourceStream("Fonts." + name)
            ?? throw new InvalidOperationException($"The font {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>PDFsharp 6 finds no system fonts on Linux by itself: it is given the two embedded faces.</summary>
public sealed class EmbeddedFontResolver : IFontResolver
{
    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        familyName.Equals(Fonts.Family, StringComparison.OrdinalIgnoreCase) ? new FontResolverInfo(bold ? "NotoSans-Bold" : "NotoSans-Regular") : null;

    public byte[]? GetFont(string faceName) => faceName switch
    {
        "NotoSans-Bold" => Fonts.Bold,
        "NotoSans-Regular" => Fonts.Regular,
        _ => null,
    };
}
