using System.Collections.Concurrent;
using Fluid;

namespace ChildProtection.Themes.Liquid;

/// <summary>
/// Parsed Liquid templates by file path. A template is parsed once and re-read when its file changes
/// (or appears, or disappears), so a designer edits a theme without recompiling or restarting. Missing
/// files are cached too: the fallback chain asks for several names that usually do not exist.
/// </summary>
public sealed class TemplateFileCache(FluidParser parser, TimeSpan? recheckInterval = null)
{
    private sealed record Entry(IFluidTemplate? Template, FileStamp Stamp, long CheckedAt);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly long recheckMilliseconds = (long)(recheckInterval ?? TimeSpan.FromSeconds(1)).TotalMilliseconds;

    /// <summary>The parsed template at <paramref name="path"/>, or null when there is no such file.</summary>
    public IFluidTemplate? Get(string path)
    {
        var now = Environment.TickCount64;
        if (entries.TryGetValue(path, out var entry) && now - entry.CheckedAt < recheckMilliseconds) return entry.Template;

        var stamp = FileStamp.Of(path);
        if (entry is not null && entry.Stamp == stamp)
        {
            entries[path] = entry with { CheckedAt = now };
            return entry.Template;
        }
        var template = stamp.Exists ? Parse(path) : null;
        entries[path] = new Entry(template, stamp, now);
        return template;
    }

    private IFluidTemplate Parse(string path)
    {
        string source;
        try { source = File.ReadAllText(path); }
        catch (FileNotFoundException) { throw new ThemeTemplateException($"{path} disappeared while it was being read."); }
        if (!parser.TryParse(source, out var template, out var error))
            throw new ThemeTemplateException($"{Path.GetFileName(path)}: {error}");
        return template;
    }
}
