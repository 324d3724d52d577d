using System.Collections.Concurrent;
using ChildProtection.Core.Contents;
using ChildProtection.Themes.Catalog;
using ChildProtection.Themes.Liquid;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChildProtection.Themes.Rendering;

/// <summary>
/// Renders content through a theme's Liquid templates: an item in a display type (Detail, Summary …)
/// with the fallback chain of <see cref="TemplateNames"/>, named templates (NotFound, Home), and the
/// Layout around a page body. Output is HTML-encoded unless a template says <c>| raw</c>.
/// </summary>
public sealed class ThemeRenderer(ThemeCatalog catalog, TemplateFileCache templates, ILogger<ThemeRenderer>? logger = null,
    IEnumerable<IContentTemplateValues>? valueProviders = null)
{
    /// <summary>How long a theme folder's existence is taken as known, as <see cref="TemplateFileCache"/> does for its files.</summary>
    private const long RecheckMilliseconds = 1000;

    private sealed record Known(ThemeEnvironment Environment, long CheckedAt);

    private readonly ConcurrentDictionary<string, Known> environments = new(StringComparer.Ordinal);
    private readonly ILogger logger = logger ?? NullLogger<ThemeRenderer>.Instance;
    private readonly IContentTemplateValues[] valueProviders = valueProviders?.ToArray() ?? [];

    public ThemeCatalog Catalog => catalog;

    public ThemeEnvironment? FindTheme(string? name)
    {
        if (!ThemeCatalog.IsValidName(name)) return null;
        // Every page asks for the active theme: the folder is looked at again at most once a second (a stat per
        // request was a tenth of the uncached render's samples), so a removed theme is noticed within a second.
        var now = Environment.TickCount64;
        if (environments.TryGetValue(name!, out var known))
        {
            if (now - known.CheckedAt < RecheckMilliseconds) return known.Environment;
            if (Directory.Exists(known.Environment.Theme.FolderPath))
            {
                environments[name!] = known with { CheckedAt = now };
                return known.Environment;
            }
        }
        var theme = catalog.Find(name);
        if (theme is null)
        {
            environments.TryRemove(name!, out _);
            return null;
        }
        var environment = new ThemeEnvironment(theme, ThemeTemplateOptions.Create(theme, this));
        environments[name!] = new Known(environment, now);
        return environment;
    }

    /// <summary>The configured theme, or the default one when it has been removed (the public site stays up).</summary>
    public ThemeEnvironment ResolveActive(string? configured)
    {
        var theme = FindTheme(configured);
        if (theme is not null) return theme;
        logger.LogWarning("Theme {Theme} is not installed under {Root}; using {Default}", configured, catalog.Root, ThemeCatalog.DefaultTheme);
        return FindTheme(ThemeCatalog.DefaultTheme)
            ?? throw new ThemeTemplateException($"Neither the theme \"{configured}\" nor \"{ThemeCatalog.DefaultTheme}\" is installed under {catalog.Root}.");
    }

    /// <summary>The first existing template of <paramref name="names"/> and its name.</summary>
    public (string Name, IFluidTemplate Template)? FindTemplate(ThemeEnvironment theme, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            var template = templates.Get(theme.TemplatePath(name));
            if (template is not null) return (name, template);
        }
        return null;
    }

    public async Task<string> RenderContentAsync(RenderScope scope, ContentItem item, string display)
    {
        var (template, context) = await PrepareContentAsync(scope, item, display);
        scope.Depth++;
        try { return await template.RenderAsync(context, HtmlOutput.Encoder); }
        finally { scope.Depth--; }
    }

    /// <summary>As <see cref="RenderContentAsync"/>, into a pooled buffer: a page's body, written into the layout without becoming a string.</summary>
    public async Task<RenderedHtml> RenderContentHtmlAsync(RenderScope scope, ContentItem item, string display)
    {
        var (template, context) = await PrepareContentAsync(scope, item, display);
        scope.Depth++;
        try { return await RenderToBufferAsync(template, context); }
        finally { scope.Depth--; }
    }

    private async Task<(IFluidTemplate Template, TemplateContext Context)> PrepareContentAsync(RenderScope scope, ContentItem item, string display)
    {
        if (scope.Depth >= RenderScope.MaxDepth)
            throw new ThemeTemplateException($"display nests deeper than {RenderScope.MaxDepth} levels (does a template display itself?).");
        var names = TemplateNames.ForContent(item.ContentType, display);
        var found = FindTemplate(scope.Theme, names)
            ?? throw new ThemeTemplateException($"Theme {scope.Theme.Theme.Name} has no template for {item.ContentType} ({display}); tried {string.Join(", ", names)}.");
        var context = NewContext(scope);
        context.SetValue("Model", item);
        context.SetValue("Display", display);
        context.SetValue("Url", UrlOf(scope, item));
        if (valueProviders.Length > 0)
        {
            var extra = new ContentTemplateContext { Item = item, Display = display, Scope = scope };
            foreach (var provider in valueProviders) await provider.AddAsync(extra);
            foreach (var (key, value) in extra.Values) context.SetValue(key, value);
        }
        return (found.Template, context);
    }

    /// <summary>A template by name (NotFound, Home …) with the given values, or null when the theme has none.</summary>
    public async Task<string?> RenderNamedAsync(RenderScope scope, string name, IReadOnlyDictionary<string, object?> values)
    {
        var found = FindTemplate(scope.Theme, [name]);
        if (found is null) return null;
        var context = NewContext(scope);
        foreach (var (key, value) in values) context.SetValue(key, value);
        return await found.Value.Template.RenderAsync(context, HtmlOutput.Encoder);
    }

    /// <summary>The whole page: Layout.liquid around <paramref name="body"/>; the body alone when the theme has no layout.</summary>
    public async Task<string> RenderLayoutAsync(RenderScope scope, PageView page, IReadOnlyList<MenuLinkView> menu, string body, ContentItem? model)
    {
        var found = FindTemplate(scope.Theme, [TemplateNames.Layout]);
        if (found is null) return body;
        var context = LayoutContext(scope, page, menu, new StringValue(body, encode: false), model);
        return await found.Value.Template.RenderAsync(context, HtmlOutput.Encoder);
    }

    /// <summary>
    /// As <see cref="RenderLayoutAsync(RenderScope, PageView, IReadOnlyList{MenuLinkView}, string, ContentItem?)"/>, into a
    /// pooled buffer for the response; <paramref name="body"/> is a string or a <see cref="RenderedHtml"/>, written as it is.
    /// </summary>
    public async Task<RenderedHtml> RenderLayoutHtmlAsync(RenderScope scope, PageView page, IReadOnlyList<MenuLinkView> menu, PageBody body, ContentItem? model)
    {
        var found = FindTemplate(scope.Theme, [TemplateNames.Layout]);
        if (found is null)
        {
            var alone = new RenderedHtml();
            await body.Value.WriteToAsync(alone.Writer, HtmlOutput.Encoder, scope.Culture);
            return alone;
        }
        return await RenderToBufferAsync(found.Value.Template, LayoutContext(scope, page, menu, body.Value, model));
    }

    private static TemplateContext LayoutContext(RenderScope scope, PageView page, IReadOnlyList<MenuLinkView> menu, FluidValue body, ContentItem? model)
    {
        var context = NewContext(scope);
        context.SetValue("Page", page);
        context.SetValue("Menu", menu);
        context.SetValue("Body", body);
        context.SetValue("Model", model is null ? NilValue.Instance : FluidValue.Create(model, scope.Theme.Options));
        return context;
    }

    private static async Task<RenderedHtml> RenderToBufferAsync(IFluidTemplate template, TemplateContext context)
    {
        var html = new RenderedHtml();
        try
        {
            await template.RenderAsync(html.Writer, HtmlOutput.Encoder, context);
            return html;
        }
        catch
        {
            html.Dispose();
            throw;
        }
    }

    public static string UrlOf(RenderScope scope, ContentItem item) =>
        item.ContentItemId == scope.HomeContentItemId ? "/" : string.IsNullOrEmpty(item.Path) ? "" : "/" + item.Path;

    private static TemplateContext NewContext(RenderScope scope)
    {
        var context = new TemplateContext(scope.Theme.Options)
        {
            CultureInfo = scope.Culture,
            TimeZone = scope.TimeZone,
        };
        context.AmbientValues[RenderScope.AmbientKey] = scope;
        context.SetValue("Site", scope.Site);
        context.SetValue("Theme", scope.Theme.View);
        return context;
    }
}
