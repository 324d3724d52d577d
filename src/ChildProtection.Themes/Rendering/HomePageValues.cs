using ChildProtection.Core.Contents;

namespace ChildProtection.Themes.Rendering;

/// <summary>
/// Values a module adds to the home page (<c>/</c>), which the theme's <c>Home</c> template shows beside the
/// home item: running campaigns, upcoming events, the latest news. The Themes module owns the page and its
/// route; a provider adds plain data (strings, numbers, dates, dictionaries, lists, content items to pass to
/// <c>display</c>) and nothing when it has nothing to show. Resolved per request, so providers may be scoped.
/// </summary>
public interface IHomePageValues
{
    Task AddAsync(HomePageContext context);
}

public sealed class HomePageContext
{
    public required RenderScope Scope { get; init; }
    /// <summary>The published home item, or null when the site has none.</summary>
    public ContentItem? HomeItem { get; init; }
    public CancellationToken CancellationToken { get; init; }
    public Dictionary<string, object?> Values { get; } = new(StringComparer.Ordinal);
}
