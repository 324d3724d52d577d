namespace ChildProtection.Core.Files;

/// <summary>
/// The names files are stored under: relative, '/'-separated, each segment non-empty and not starting with
/// a dot (so nothing can climb out of the store, and the folder store's own temporary files, which start
/// with a dot or end in <c>.part</c>, are never mistaken for stored files).
/// </summary>
public static class StoredPaths
{
    public const int MaxLength = 400;

    public static bool IsValid(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Length > MaxLength || path.EndsWith(".part", StringComparison.Ordinal)) return false;
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment[0] == '.') return false;
            foreach (var c in segment)
                if (char.IsControl(c) || c is '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|') return false;
        }
        return true;
    }

    public static string Check(string path) =>
        IsValid(path) ? path : throw new ArgumentException($"'{path}' is not a stored file name.", nameof(path));

    /// <summary>A prefix is a valid path, optionally ending in '/', or empty (everything).</summary>
    public static string CheckPrefix(string prefix)
    {
        if (prefix.Length == 0) return prefix;
        var trimmed = prefix.EndsWith('/') ? prefix[..^1] : prefix;
        return IsValid(trimmed) ? prefix : throw new ArgumentException($"'{prefix}' is not a stored file prefix.", nameof(prefix));
    }

    public static string Combine(params string[] segments) => Check(string.Join('/', segments));
}
