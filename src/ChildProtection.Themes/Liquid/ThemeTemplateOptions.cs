using System.Globalization;
using ChildProtection.Core.Contents;
using ChildProtection.Themes.Catalog;
using ChildProtection.Themes.Rendering;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.FileProviders;

namespace ChildProtection.Themes.Liquid;

/// <summary>
/// Fluid options for one theme. Fluid renders members of unregistered CLR types as empty, so every model
/// type a template sees is registered here; JsonObject parts (<c>Model.Content.TitlePart.Title</c>) are
/// read by Fluid's own JSON support. Owner and Author are left out on purpose: they are account names.
/// </summary>
public static class ThemeTemplateOptions
{
    public static TemplateOptions Create(ThemeInfo theme, ThemeRenderer renderer)
    {
        var options = new TemplateOptions
        {
            FileProvider = new PhysicalFileProvider(theme.FolderPath),
            CultureInfo = CultureInfo.GetCultureInfo("vi-VN"),
            MaxRecursion = 20,
        };
        options.MemberAccessStrategy.Register<ContentItem>(
            nameof(ContentItem.ContentItemId), nameof(ContentItem.ContentItemVersionId), nameof(ContentItem.ContentType),
            nameof(ContentItem.DisplayText), nameof(ContentItem.CreatedUtc), nameof(ContentItem.ModifiedUtc),
            nameof(ContentItem.PublishedUtc), nameof(ContentItem.Path), nameof(ContentItem.Content));
        options.MemberAccessStrategy.Register<SiteView>();
        options.MemberAccessStrategy.Register<PageView>();
        options.MemberAccessStrategy.Register<MenuLinkView>();
        options.MemberAccessStrategy.Register<ThemeView>();

        // Modules hand templates their values as Dictionary<string, object?> (a campaign's events, links, reach …).
        // Fluid wraps such a dictionary in the same indexable, but made through reflection on every member access:
        // ~15% of the uncached campaign render's template allocations and its binder CPU (issue 15 profile).
        // An item's parts (Model.Content.TitlePart …) are JsonObjects, wrapped the same way: the same indexable, made directly.
        options.ValueConverters.Add(value => value switch
        {
            Dictionary<string, object?> values => new DictionaryValue(new ObjectDictionaryFluidIndexable<object>(values!, options)),
            System.Text.Json.Nodes.JsonObject json => new DictionaryValue(new ObjectDictionaryFluidIndexable<System.Text.Json.Nodes.JsonNode>(json!, options)),
            _ => null,
        });
        VietnameseDateFilters.Register(options.Filters);
        options.Filters.AddFilter("display", (input, arguments, context) => Display(renderer, input, arguments, context));
        // A page body still in its buffer (RenderedHtml) is already HTML: "raw" hands it on as it is instead of making
        // it a string first; every other value goes through Fluid's own filter.
        if (options.Filters.TryGetValue("raw", out var raw))
            options.Filters.AddFilter("raw", (input, arguments, context) =>
                input is RenderedHtmlValue ? new ValueTask<FluidValue>(input) : raw(input, arguments, context));
        options.Filters.AddFilter("asset_url", (input, _, context) =>
            new ValueTask<FluidValue>(new StringValue(Scope(context).Theme.AssetUrl(input.ToStringValue()))));
        return options;
    }

    /// <summary><c>{{ item | display: "Summary" }}</c>: another item through the theme's templates, already encoded.</summary>
    private static async ValueTask<FluidValue> Display(ThemeRenderer renderer, FluidValue input, FilterArguments arguments, TemplateContext context)
    {
        if (input.ToObjectValue() is not ContentItem item) return NilValue.Instance;
        var display = arguments.Count > 0 ? arguments.At(0).ToStringValue() : TemplateNames.SummaryDisplay;
        var html = await renderer.RenderContentAsync(Scope(context), item, display);
        return new StringValue(html, encode: false);
    }

    private static RenderScope Scope(TemplateContext context) =>
        context.AmbientValues.TryGetValue(RenderScope.AmbientKey, out var value) && value is RenderScope scope
            ? scope
            : throw new InvalidOperationException("Theme filters run only inside a theme render.");
}
