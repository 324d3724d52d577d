using ChildProtection.Articles.Index;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Parts;
using ChildProtection.Themes.Public;
using ChildProtection.Themes.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Articles.Public;

/// <summary>
/// The news list (<c>/tin-tuc</c>, paged, with a topic filter), topic pages (<c>/chu-de/{topic}</c>) and
/// an article's print view (<c>/ban-in/{path}</c>), rendered by the theme's <c>News</c> and
/// <c>PrintLayout</c> templates. An unknown topic or a page past the end is the theme's 404.
/// </summary>
internal static class NewsPages
{
    public const string ListTemplate = "News";
    public const string PrintTemplate = "PrintLayout";
    public const string PrintDisplay = "Print";

    public static Task ListAsync(HttpContext http) => RenderListAsync(http, http.Request.Query[NewsRoutes.TopicParameter].ToString(), topicPage: false);

    public static Task TopicAsync(HttpContext http, string topic) => RenderListAsync(http, topic, topicPage: true);

    private static async Task RenderListAsync(HttpContext http, string? topicId, bool topicPage)
    {
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var themed = await ThemedPage.BeginAsync(http);
        var terms = await services.GetRequiredService<ITaxonomyLookup>().GetTermsAsync(ArticleTopics.Taxonomy, ct);
        topicId = string.IsNullOrWhiteSpace(topicId) ? null : topicId.Trim();
        var topic = topicId is null ? null : terms.FirstOrDefault(t => t.TermId == topicId);
        var pageText = http.Request.Query[NewsRoutes.PageParameter].ToString();
        var pageNumber = 1;
        if ((topicId is not null && topic is null) || (pageText.Length > 0 && (!int.TryParse(pageText, out pageNumber) || pageNumber < 1)))
        {
            await themed.NotFoundAsync();
            return;
        }

        var result = await services.GetRequiredService<NewsQuery>().ListAsync(topic?.TermId, pageNumber, themed.Settings.PageSize, ct);
        if (pageNumber > 1 && pageNumber > result.PageCount)
        {
            await themed.NotFoundAsync();
            return;
        }

        string BaseUrl() => topicPage ? NewsRoutes.Topic(topic!.TermId) : NewsRoutes.List;
        string PageUrl(int n)
        {
            var query = new List<string>();
            if (!topicPage && topic is not null) query.Add($"{NewsRoutes.TopicParameter}={Uri.EscapeDataString(topic.TermId)}");
            if (n > 1) query.Add($"{NewsRoutes.PageParameter}={n}");
            return BaseUrl() + (query.Count > 0 ? "?" + string.Join("&", query) : "");
        }

        var pages = Enumerable.Range(1, result.PageCount)
            .Where(n => n == 1 || n == result.PageCount || Math.Abs(n - result.Page) <= 2)
            .Select(n => (object?)new Dictionary<string, object?> { ["Number"] = n, ["Url"] = PageUrl(n), ["Current"] = n == result.Page })
            .ToList();
        var heading = topic is null ? "Tin tức" : topicPage ? $"Chủ đề: {topic.DisplayText}" : $"Tin tức – {topic.DisplayText}";
        var values = new Dictionary<string, object?>
        {
            ["Heading"] = heading,
            ["Items"] = result.Items.ToList(),
            ["Total"] = result.TotalCount,
            ["Page"] = result.Page,
            ["PageCount"] = result.PageCount,
            ["Pages"] = result.PageCount > 1 ? pages : new List<object?>(),
            ["PreviousUrl"] = result.Page > 1 ? PageUrl(result.Page - 1) : null,
            ["NextUrl"] = result.Page < result.PageCount ? PageUrl(result.Page + 1) : null,
            ["IsTopicPage"] = topicPage,
            ["ListUrl"] = NewsRoutes.List,
            ["Topic"] = topic is null ? null : TopicView(topic),
            ["Topics"] = terms.Select(t => (object?)new Dictionary<string, object?>
            {
                ["Id"] = t.TermId, ["Name"] = t.DisplayText, ["Url"] = NewsRoutes.Topic(t.TermId), ["Selected"] = t.TermId == topic?.TermId,
            }).ToList(),
            ["RssUrl"] = NewsRoutes.Rss(topic?.TermId),
            ["AtomUrl"] = NewsRoutes.Atom(topic?.TermId),
        };
        var title = result.Page > 1 ? $"{heading} – trang {result.Page}" : heading;
        var view = new PageView
        {
            Title = title,
            MetaDescription = topic is null ? "Tin tức về công tác bảo vệ, chăm sóc trẻ em." : $"Tin tức về chủ đề {topic.DisplayText}.",
            // The filtered list repeats the topic page: the topic page is the one to index.
            Canonical = themed.Scope.Site.BaseUrl + (topic is not null && !topicPage ? PageUrlForTopicPage(topic.TermId, result.Page) : PageUrl(result.Page)),
            Path = topicPage ? NewsRoutes.Topic(topic!.TermId) : NewsRoutes.List,
        };
        await themed.WriteAsync(ListTemplate, values, view, "<h1>Tin tức</h1>");
    }

    private static string PageUrlForTopicPage(string termId, int page) =>
        NewsRoutes.Topic(termId) + (page > 1 ? $"?{NewsRoutes.PageParameter}={page}" : "");

    private static Dictionary<string, object?> TopicView(TaxonomyPart.Term term) => new()
    {
        ["Id"] = term.TermId,
        ["Name"] = term.DisplayText,
        ["Url"] = NewsRoutes.Topic(term.TermId),
        ["RssUrl"] = NewsRoutes.Rss(term.TermId),
        ["AtomUrl"] = NewsRoutes.Atom(term.TermId),
    };

    /// <summary>A published item alone on a plain printable page (no menu, no footer), never indexed.</summary>
    public static async Task PrintAsync(HttpContext http, string? path)
    {
        var themed = await ThemedPage.BeginAsync(http);
        var contents = http.RequestServices.GetRequiredService<IContentManager>();
        var item = string.IsNullOrEmpty(path) ? null : await contents.GetPublishedByPathAsync(path.Trim('/'), http.RequestAborted);
        if (item is null)
        {
            await themed.NotFoundAsync();
            return;
        }
        var body = await themed.Renderer.RenderContentAsync(themed.Scope, item, PrintDisplay);
        var view = PageViews.ForItem(item, themed.Scope.Site, NewsRoutes.Print(item.Path ?? ""), false);
        var html = await themed.Renderer.RenderNamedAsync(themed.Scope, PrintTemplate, new Dictionary<string, object?>
        {
            ["Page"] = new PageView { Title = view.Title, MetaDescription = view.MetaDescription, Canonical = view.Canonical, NoIndex = true, Path = view.Path },
            ["Body"] = new Fluid.Values.StringValue(body, encode: false),
            ["Model"] = item,
            ["ArticleUrl"] = "/" + item.Path,
        }) ?? body;
        await ThemedPage.SendAsync(http, html, StatusCodes.Status200OK, noIndex: true);
    }
}
