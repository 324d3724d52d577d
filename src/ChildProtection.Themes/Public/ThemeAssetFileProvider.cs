using System.Collections.Concurrent;
using ChildProtection.Themes.Catalog;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace ChildProtection.Themes.Public;

/// <summary>
/// Serves <c>/themes/&lt;Name&gt;/x</c> from <c>themes/&lt;Name&gt;/wwwroot/x</c> only: a theme's templates and
/// manifest sit beside its wwwroot and must never be downloadable.
/// </summary>
public sealed class ThemeAssetFileProvider(ThemeCatalog catalog) : IFileProvider
{
    private readonly ConcurrentDictionary<string, PhysicalFileProvider> providers = new(StringComparer.Ordinal);

    public IFileInfo GetFileInfo(string subpath)
    {
        var (provider, rest) = Split(subpath);
        return provider is null || rest.Length == 0 ? new NotFoundFileInfo(subpath) : provider.GetFileInfo(rest);
    }

    // Directory listings are not offered.
    public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

    private (PhysicalFileProvider? Provider, string Remainder) Split(string subpath)
    {
        var trimmed = subpath.TrimStart('/');
        var slash = trimmed.IndexOf('/');
        if (slash <= 0) return (null, "");
        var name = trimmed[..slash];
        if (!ThemeCatalog.IsValidName(name)) return (null, "");
        var assets = Path.Combine(catalog.Root, name, "wwwroot");
        if (!Directory.Exists(assets)) return (null, "");
        var provider = providers.GetOrAdd(name, _ => new PhysicalFileProvider(assets));
        return (provider, trimmed[slash..]);
    }
}
