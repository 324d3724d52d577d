using System.Globalization;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Metadata;
using ChildProtection.Core.Parts;
using ChildProtection.Core.Settings;
using ChildProtection.Search.Indexing;
using ChildProtection.Search.Querying;
using ChildProtection.Themes.Navigation;
using ChildProtection.Themes.Public;
using ChildProtection.Themes.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;

namespace ChildProtection.Search.Public;

/// <summary>
/// The public search page (<c>/tim-kiem?q=…&amp;loai=…&amp;chu-de=…&amp;trang=…</c>) rendered by the theme's
/// <c>Search</c> template. Whatever is typed, the page answers 200 with the form: an empty query shows the
/// form alone, too long a query is cut (and the page says so), an unknown filter is ignored. Result pages
/// are not for search engines (noindex).
/// </summary>
internal static class SearchPage
{
    public const string Template = "Search";

    public static async Task RenderAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var query = http.Request.Query;
        var T = services.GetRequiredService<IStringLocalizer<SearchText>>();
        var input = SearchInput.Parse(Single(query[SearchRoutes.Query]));

        var topics = await services.GetRequiredService<ITaxonomyLookup>().GetTermsAsync(TopicNames.Taxonomy, ct);
        var types = await SearchableTypesAsync(services.GetRequiredService<IContentDefinitionStore>(), ct);
        var type = Single(query[SearchRoutes.Type]) is { } t && types.Any(x => x.Name == t) ? t : null;
        var topic = Single(query[SearchRoutes.Topic]) is { } tp && topics.Any(x => x.TermId == tp) ? tp : null;
        var pageNumber = int.TryParse(Single(query[SearchRoutes.PageNumber]), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : 1;

        var results = input.IsEmpty
            ? SearchResults.Empty
            : await services.GetRequiredService<SearchResultCache>().SearchAsync(new SearchRequest(input, type, topic, pageNumber));

        var settings = await services.GetRequiredService<ISiteSettingsService>().GetAsync(ct);
        var timeZone = settings.GetTimeZone();
        var typeNames = types.ToDictionary(x => x.Name, x => x.DisplayName);
        var topicNames = topics.GroupBy(x => x.TermId).ToDictionary(g => g.Key, g => g.First().DisplayText);
        string PageUrl(int page) => SearchRoutes.Url(input.Text, type, topic, page);

        var items = results.Hits.Select(h => (object?)new Dictionary<string, object?>
        {
            ["Title"] = h.Title,
            ["TitleHtml"] = h.TitleHtml,
            ["Url"] = h.Url,
            ["SnippetHtml"] = h.SnippetHtml,
            ["Type"] = typeNames.GetValueOrDefault(h.Type, h.Type),
            ["Date"] = h.PublishedUtc is { } at ? TimeZoneInfo.ConvertTimeFromUtc(at, timeZone).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : null,
            ["Topics"] = h.TopicIds.Where(topicNames.ContainsKey).Select(id => (object?)new Dictionary<string, object?>
            {
                ["Text"] = topicNames[id],
                ["Url"] = SearchRoutes.Url(input.Text, type, id),
            }).ToList(),
        }).ToList();
        var pages = Enumerable.Range(1, results.PageCount).Where(p => p == 1 || p == results.PageCount || Math.Abs(p - results.Page) <= 2)
            .Select(p => (object?)new Dictionary<string, object?> { ["Number"] = p, ["Url"] = PageUrl(p), ["Current"] = p == results.Page }).ToList();

        var values = new Dictionary<string, object?>
        {
            ["Query"] = input.Text,
            ["HasQuery"] = !input.IsEmpty,
            // Something was typed, but nothing in it is a word ("*", "?", "\"").
            ["NoWords"] = input.IsEmpty && !string.IsNullOrWhiteSpace(Single(query[SearchRoutes.Query])),
            ["Truncated"] = input.Truncated,
            ["MaxLength"] = SearchInput.MaxLength,
            ["Results"] = items,
            ["Total"] = results.Total,
            ["Page"] = results.Page,
            ["PageCount"] = results.PageCount,
            ["Pages"] = results.PageCount > 1 ? pages : new List<object?>(),
            ["PreviousUrl"] = results.Page > 1 ? PageUrl(results.Page - 1) : null,
            ["NextUrl"] = results.Page < results.PageCount ? PageUrl(results.Page + 1) : null,
            ["Types"] = types.Select(x => (object?)new Dictionary<string, object?> { ["Value"] = x.Name, ["Text"] = x.DisplayName, ["Selected"] = x.Name == type }).ToList(),
            ["Topics"] = topics.Select(x => (object?)new Dictionary<string, object?> { ["Value"] = x.TermId, ["Text"] = x.DisplayText, ["Selected"] = x.TermId == topic }).ToList(),
            ["TopicLinks"] = topics.Select(x => (object?)new Dictionary<string, object?> { ["Text"] = x.DisplayText, ["Url"] = "/chu-de/" + Uri.EscapeDataString(x.TermId) }).ToList(),
            ["HasFilters"] = type is not null || topic is not null,
            ["ClearFiltersUrl"] = SearchRoutes.Url(input.Text),
        };

        var themed = await ThemedPage.BeginAsync(http);
        var page = new PageView
        {
            Title = input.IsEmpty ? T["Search"] : results.Page > 1 ? T["Search for “{0}” – page {1}", input.Text, results.Page] : T["Search for “{0}”", input.Text],
            Canonical = themed.BaseUrl + SearchRoutes.Page,
            // Result pages are endless variations of the site's own pages: not for search engines.
            NoIndex = true,
            Path = SearchRoutes.Page,
        };
        await themed.WriteAsync(Template, values, page, $"<h1>{Themes.Liquid.HtmlOutput.Encoder.Encode(T["Search"])}</h1>");
    }

    /// <summary>One value of a parameter; a repeated parameter counts by its first value.</summary>
    private static string? Single(StringValues values) => values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]) ? values[0]!.Trim() : null;

    /// <summary>The types whose items have public addresses (they carry a route part), as the type filter offers them.</summary>
    private static async Task<List<(string Name, string DisplayName)>> SearchableTypesAsync(IContentDefinitionStore definitions, CancellationToken ct)
    {
        var document = await definitions.GetAsync(ct);
        return document.ContentTypes
            .Where(t => t.HasPart("RoutePart"))
            .Select(t => (t.Name, string.IsNullOrWhiteSpace(t.DisplayName) ? t.Name : t.DisplayName))
            .ToList();
    }
}
