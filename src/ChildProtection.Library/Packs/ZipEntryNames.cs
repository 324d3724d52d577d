using System.Text;

namespace ChildProtection.Library.Packs;

/// <summary>
/// Names inside a material pack: Vietnamese kept as it is (the archive marks them UTF-8), but nothing a
/// file system could take as a path, a device or a control sequence — no separators or <c>..</c>, no
/// characters Windows refuses, no reserved device names (CON, PRN, AUX, NUL, COM1–9, LPT1–9), at most 100
/// characters per part — and every name unique (case-insensitively, as Windows and macOS compare).
/// </summary>
public sealed class ZipEntryNames
{
    public const int MaxPart = 100;
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    private readonly HashSet<string> used = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>One safe path part (a folder or a file name).</summary>
    public static string Part(string? text, string fallback = "tep")
    {
        var s = (text ?? "").Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (char.IsControl(c) || c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format)
                sb.Append(c is '/' or '\\' or ':' or '|' ? '-' : ' ');
            else sb.Append(c);
        }
        var clean = string.Join(' ', sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim(' ', '.');
        if (clean.Length == 0) clean = fallback;
        var ext = Path.GetExtension(clean);
        if (ext.Length is 0 or > 10) ext = "";
        var stem = clean[..^ext.Length];
        if (Reserved.Contains(stem.Split('.')[0])) stem = "_" + stem;
        if (stem.Length + ext.Length > MaxPart) stem = stem[..(MaxPart - ext.Length)].TrimEnd(' ', '.');
        if (stem.Length == 0) stem = fallback;
        return stem + ext;
    }

    /// <summary>A unique entry path from safe parts: "Áp phích 111/Bản in A4 (PDF).pdf", then "… (2).pdf".</summary>
    public string Unique(string folder, string file)
    {
        var dir = Part(folder, "tai-lieu");
        var name = Part(file);
        var ext = Path.GetExtension(name);
        var stem = name[..^ext.Length];
        var candidate = $"{dir}/{name}";
        for (var n = 2; !used.Add(candidate); n++) candidate = $"{dir}/{stem} ({n}){ext}";
        return candidate;
    }

    /// <summary>Reserves a top-level name (the contents file) so no file can take it.</summary>
    public string Reserve(string name)
    {
        used.Add(name);
        return name;
    }
}
