using ChildProtection.Core.Caching;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Parts;

namespace ChildProtection.Themes.Navigation;

/// <summary>
/// The links of the main menu (the published Menu item whose MenuPart alias is "main"), kept in the tagged
/// value cache so a page costs no menu query. A menu's publication is a site-wide change that evicts it on
/// every node (Core's PublicPageInvalidation); <see cref="MainMenuInvalidation"/> also drops it here
/// directly. The lifetime bounds staleness when another process (the recipe command line) changed the menu.
/// </summary>
public sealed class MainMenu(ITaggedCache cache)
{
    public const string MenuContentType = "Menu";
    public const string MainAlias = "main";
    private const string Tag = "menu:main";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public async Task<IReadOnlyList<MenuPart.Link>> GetAsync(IContentManager contents, CancellationToken cancellationToken = default) =>
        (await cache.GetOrCreateAsync<IReadOnlyList<MenuPart.Link>>(Tag, [Tag], Lifetime, async () => await LoadAsync(contents, cancellationToken), _ => 4))!;

    public void Invalidate() => cache.EvictLocal([Tag]);

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
