using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Themes.Catalog;

/// <summary>
/// The themes installed under the repository's (or published site's) <c>themes/</c> folder. A theme is a
/// folder holding a readable <c>theme.json</c>. Nothing is cached: the list is read when the admin page
/// or a recipe asks, so a theme copied in is seen without a restart.
/// </summary>
public sealed partial class ThemeCatalog(string root, ILogger<ThemeCatalog>? logger = null)
{
    public const string DefaultTheme = "ChildProtection";
    public const string ManifestFileName = "theme.json";

    public string Root { get; } = Path.GetFullPath(root);

    // Folder names only: they become URL segments (/themes/<Name>/…) and file-system paths.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")]
    private static partial Regex NamePattern();

    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name) && !name.Contains("..");

    public IReadOnlyList<ThemeInfo> List()
    {
        if (!Directory.Exists(Root)) return [];
        return Directory.EnumerateDirectories(Root)
            .Select(dir => Find(Path.GetFileName(dir)))
            .OfType<ThemeInfo>()
            .OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public ThemeInfo? Find(string? name)
    {
        if (!IsValidName(name)) return null;
        var folder = Path.Combine(Root, name!);
        var manifestPath = Path.Combine(folder, ManifestFileName);
        if (!File.Exists(manifestPath)) return null;
        try
        {
            using var stream = File.OpenRead(manifestPath);
            var manifest = JsonSerializer.Deserialize<ThemeManifest>(stream, ThemeManifest.Json) ?? new ThemeManifest();
            // The folder name is the identity; the manifest may only describe it.
            return new ThemeInfo(Path.GetFileName(folder), folder, manifest);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            logger?.LogWarning(ex, "Theme {Theme} has an unreadable {Manifest}; it is not offered", name, ManifestFileName);
            return null;
        }
    }
}
