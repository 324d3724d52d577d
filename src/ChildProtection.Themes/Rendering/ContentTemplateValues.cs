using ChildProtection.Core.Contents;

namespace ChildProtection.Themes.Rendering;

/// <summary>
/// Values a module adds beside <c>Model</c> when an item is rendered, so its template can show what the
/// item alone does not hold (an article's related articles, its topic names and links, share links,
/// structured data). Values are plain data (strings, numbers, dates, dictionaries, lists); a provider
/// adds nothing for items it does not know.
/// </summary>
public interface IContentTemplateValues
{
    Task AddAsync(ContentTemplateContext context);
}

public sealed class ContentTemplateContext
{
    public required ContentItem Item { get; init; }
    /// <summary>Detail, Summary, Print …</summary>
    public required string Display { get; init; }
    public required RenderScope Scope { get; init; }
    /// <summary>The request's services (<see cref="RenderScope.Services"/>); null outside a request.</summary>
    public IServiceProvider? Services => Scope.Services;
    public Dictionary<string, object?> Values { get; } = new(StringComparer.Ordinal);
}
