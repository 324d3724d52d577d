using ChildProtection.Core.Routing;

namespace ChildProtection.Media;

/// <summary>
/// Folder paths are ours too: slugs joined by '/' (<c>ap-phich/2025</c>), so a folder name typed with
/// diacritics, slashes or dots can never leave the library or clash by case.
/// </summary>
public static class MediaFolders
{
    public const int MaxPathLength = 400;
    public const int MaxDepth = 8;

    /// <summary>The normalised path, or null when nothing usable remains (the root is "").</summary>
    public static string? Normalize(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return "";
        var segments = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => Slug.From(s.Trim()))
            .Where(s => s.Length > 0)
            .ToList();
        if (segments.Count > MaxDepth) return null;
        var joined = string.Join('/', segments);
        return joined.Length > MaxPathLength ? null : joined;
    }

    public static string ParentOf(string path) => path.LastIndexOf('/') is var i && i > 0 ? path[..i] : "";

    public static string NameOf(string path) => path.LastIndexOf('/') is var i && i >= 0 ? path[(i + 1)..] : path;

    /// <summary>The folder and every folder above it, top first (<c>a</c>, <c>a/b</c>, <c>a/b/c</c>).</summary>
    public static IEnumerable<string> SelfAndAncestors(string path)
    {
        if (path.Length == 0) yield break;
        var parts = path.Split('/');
        for (var i = 1; i <= parts.Length; i++) yield return string.Join('/', parts[..i]);
    }
}
