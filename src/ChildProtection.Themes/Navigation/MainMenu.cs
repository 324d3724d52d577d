using ChildProtection.Core.Contents;
using ChildProtection.Core.Parts;

namespace ChildProtection.Themes.Navigation;

/// <summary>
/// The links of the main menu (the published Menu item whose MenuPart alias is "main"), kept in memory
/// so a page costs no menu query. Content events clear it (<see cref="MainMenuInvalidation"/>); the
/// lifetime bounds staleness when another process (the recipe command line) changed the menu.
/// </summary>
public sealed class MainMenu
{
    public const string MenuContentType = "Menu";
    public const string MainAlias = "main";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private sealed record Snapshot(IReadOnlyList<MenuPart.Link> Links, long LoadedAt);

    private Snapshot? snapshot;
    private long generation;

    public async Task<IReadOnlyList<MenuPart.Link>> GetAsync(IContentManager contents, CancellationToken cancellationToken = default)
    {
        var current = Volatile.Read(ref snapshot);
        if (current is not null && Environment.TickCount64 - current.LoadedAt < Lifetime.TotalMilliseconds) return current.Links;

        // A change that lands while we read must not be overwritten by what we read before it.
        var startedAt = Interlocked.Read(ref generation);
        var links = await LoadAsync(contents, cancellationToken);
        var loaded = new Snapshot(links, Environment.TickCount64);
        if (Interlocked.Read(ref generation) == startedAt) Interlocked.CompareExchange(ref snapshot, loaded, current);
        return links;
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        Volatile.Write(ref snapshot, null);
    }

    private static async Task<IReadOnlyList<MenuPart.Link>> LoadAsync(IContentManager contents, CancellationToken cancellationToken)
    {
        for (var page = 1; ; page++)
        {
            var result = await contents.ListPublishedAsync(MenuContentType, page, 100, cancellationToken);
            var main = result.Items.FirstOrDefault(i =>
                string.Equals(i.Part("MenuPart")?["Alias"]?.ToString(), MainAlias, StringComparison.OrdinalIgnoreCase));
            if (main is not null) return MenuPart.Read(main.Part("MenuPart"));
            if (page >= result.PageCount) return [];
        }
    }
}

/// <summary>Clears the cached menu when a menu is published, unpublished or removed.</summary>
public sealed class MainMenuInvalidation(MainMenu menu) : IContentEventHandler
{
    public Task PublishedAsync(ContentItem item) => Clear(item);
    public Task UnpublishedAsync(ContentItem item) => Clear(item);
    public Task RemovedAsync(ContentItem item) => Clear(item);

    private Task Clear(ContentItem item)
    {
        if (item.ContentType == MainMenu.MenuContentType || item.Part("MenuPart") is not null) menu.Invalidate();
        return Task.CompletedTask;
    }
}
