using ChildProtection.Themes.Catalog;
using ChildProtection.Themes.Liquid;
using ChildProtection.Themes.Rendering;
using Fluid;

namespace ChildProtection.Themes.Tests.Infrastructure;

/// <summary>
/// A themes root in a temp folder with themes written by the test, and a renderer over it that re-reads
/// templates on every call (no recheck interval), as a designer's edit would be seen.
/// </summary>
public sealed class ThemeFolder : IDisposable
{
    private readonly TempDirectory root = new("cp-theme");

    public ThemeFolder()
    {
        Catalog = new ThemeCatalog(root.Path);
        Renderer = new ThemeRenderer(Catalog, new TemplateFileCache(new FluidParser(), TimeSpan.Zero));
    }

    public string Root => root.Path;
    public ThemeCatalog Catalog { get; }
    public ThemeRenderer Renderer { get; }

    public ThemeFolder AddTheme(string name, string? manifest = null)
    {
        Directory.CreateDirectory(Path.Combine(root.Path, name));
        File.WriteAllText(Path.Combine(root.Path, name, ThemeCatalog.ManifestFileName),
            manifest ?? $$"""{ "name": "{{name}}", "displayName": "{{name}} theme", "version": "1.0.0" }""");
        return this;
    }

    public ThemeFolder Write(string theme, string file, string text)
    {
        var path = Path.Combine(root.Path, theme, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        // Two writes within the file system's time resolution must still look different to the cache.
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(Interlocked.Increment(ref writes)));
        return this;
    }

    public void Delete(string theme, string file) => File.Delete(Path.Combine(root.Path, theme, file));

    public RenderScope Scope(string theme, string timeZone = "Asia/Ho_Chi_Minh") => new()
    {
        Theme = Renderer.FindTheme(theme) ?? throw new InvalidOperationException($"No theme {theme}"),
        Site = new SiteView { Name = "Bảo vệ trẻ em", Hotline = "111", BaseUrl = "http://127.0.0.1" },
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(timeZone),
    };

    private static int writes;

    public void Dispose() => root.Dispose();
}
