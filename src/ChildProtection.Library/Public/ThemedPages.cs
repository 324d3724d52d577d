using ChildProtection.Core.Contents;
using ChildProtection.Core.Settings;
using ChildProtection.Themes.Navigation;
using ChildProtection.Themes.Public;
using ChildProtection.Themes.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Library.Public;

/// <summary>
/// Writes one of the library's pages through the active public theme: a named Liquid template
/// (<c>Library</c>, <c>LibraryResource</c> …) inside the theme's Layout with the main menu, exactly as the
/// theme's own pages are written, so a designer restyles the library without recompiling.
/// </summary>
internal static class ThemedPages
{
    /// <summary>The shared writer of <c>Themes.Public</c>, with the two things the library's pages read of it.</summary>
    public sealed record Context(ThemedPage Page)
    {
        public SiteSettings Settings => Page.Settings;
        public RenderScope Scope => Page.Scope;
    }

    public static async Task<Context> BeginAsync(HttpContext http) => new(await ThemedPage.BeginAsync(http));

    public static Task WriteAsync(HttpContext http, Context context, string template, IReadOnlyDictionary<string, object?> values,
        PageView page, string fallbackHtml, ContentItem? model = null) =>
        context.Page.WriteAsync(template, values, page, fallbackHtml, model);

    /// <summary>The theme's NotFound page with 404: the same answer whether a thing is missing or hidden.</summary>
    public static async Task NotFoundAsync(HttpContext http, Context? context = null) =>
        await (context?.Page ?? await ThemedPage.BeginAsync(http)).NotFoundAsync();
}
