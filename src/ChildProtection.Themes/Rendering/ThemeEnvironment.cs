using System.Collections.Concurrent;
using ChildProtection.Themes.Catalog;
using ChildProtection.Themes.Liquid;
using Fluid;

namespace ChildProtection.Themes.Rendering;

/// <summary>
/// One installed theme ready to render: its Fluid options (member access, filters, and a file provider
/// rooted at the theme folder so <c>{% render "Partial" %}</c> finds the theme's own partials) and the
/// versions of its assets for cache-busting URLs.
/// </summary>
public sealed class ThemeEnvironment
{
    public const string AssetRoute = "/themes";

    private readonly ConcurrentDictionary<string, (FileStamp Stamp, long CheckedAt)> assetStamps = new(StringComparer.Ordinal);

    public ThemeEnvironment(ThemeInfo theme, TemplateOptions options)
    {
        Theme = theme;
        Options = options;
        View = new ThemeView { Name = theme.Name, AssetBase = $"{AssetRoute}/{theme.Name}" };
    }

    public ThemeInfo Theme { get; }
    public TemplateOptions Options { get; }
    public ThemeView View { get; }

    public string TemplatePath(string name) => Path.Combine(Theme.FolderPath, name + TemplateNames.Extension);

    /// <summary>
    /// <c>/themes/&lt;Name&gt;/css/site.css?v=…</c>: assets are served with a one-year cache, so the
    /// address carries the file's version and changes when a designer changes the file.
    /// </summary>
    public string AssetUrl(string relativePath)
    {
        var clean = relativePath.Replace('\\', '/').TrimStart('/');
        var url = $"{View.AssetBase}/{clean}";
        if (clean.Length == 0 || clean.Split('/').Any(s => s is ".." or ".")) return url;
        var now = Environment.TickCount64;
        if (!assetStamps.TryGetValue(clean, out var entry) || now - entry.CheckedAt >= 1000)
        {
            entry = (FileStamp.Of(Path.Combine(Theme.AssetsPath, clean)), now);
            assetStamps[clean] = entry;
        }
        return entry.Stamp.Exists ? $"{url}?v={entry.Stamp.Version}" : url;
    }
}
