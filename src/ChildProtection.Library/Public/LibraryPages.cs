using ChildProtection.Themes.Public;
using ChildProtection.Core.Caching;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Parts;
using ChildProtection.Library.Data;
using ChildProtection.Library.Parts;
using ChildProtection.Media;
using ChildProtection.Themes.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

using ChildProtection.Library.Packs;

namespace ChildProtection.Library.Public;

/// <summary>
/// The public library (<c>/thu-vien</c>) and each resource's page (<c>/thu-vien/{slug}</c>), rendered by the
/// theme's <c>Library</c> and <c>LibraryResource</c> templates. Restricted resources exist only for users
/// with <see cref="LibraryPermissions.ViewRestrictedResources"/>.
/// </summary>
internal static class LibraryPages
{
    public const string ListTemplate = "Library";
    public const string ResourceTemplate = "LibraryResource";

    public static async Task ListAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var page = await ThemedPage.BeginAsync(http);
        // The catalogue reads the library's own index: any resource's publication may change this page.
        services.GetRequiredService<PageCacheTags>().AddType(ResourceData.TypeName);
        var terms = await services.GetRequiredService<ITaxonomyLookup>().GetTermsAsync("topics", ct);
        var campaigns = await PublishedCampaignsAsync(services.GetRequiredService<IContentManager>(), ct);
        var filters = LibraryFilters.Parse(http.Request.Query, terms.Select(t => t.TermId).ToHashSet(), campaigns.Select(c => c.Id).ToHashSet());
        var mayRestricted = await LibraryAccess.CanSeeRestrictedAsync(http);
        var result = await services.GetRequiredService<LibraryCatalog>().SearchAsync(filters, mayRestricted, ct);

        var media = services.GetRequiredService<IMediaLibrary>();
        var covers = await media.GetManyAsync(result.Items.Where(e => e.CoverMediaId is not null).Select(e => e.CoverMediaId!), ct);
        var items = result.Items.Select(e => (object?)new Dictionary<string, object?>
        {
            ["Title"] = e.Title,
            ["Url"] = LibraryRoutes.Resource(e.Path),
            ["Summary"] = e.Summary,
            ["Kind"] = ResourceVocabulary.KindText(e.Kind),
            ["Audiences"] = string.Join(", ", e.Audiences.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(ResourceVocabulary.AudienceText)),
            ["FileCount"] = e.FileCount,
            ["Restricted"] = e.Restricted,
            ["Cover"] = CoverViews.Build(media, e.CoverMediaId is { } id && covers.TryGetValue(id, out var f) ? f : null, e.Path, e.Restricted, e.Title, large: false),
            ["PublishedUtc"] = e.PublishedUtc,
        }).ToList();

        var pages = Enumerable.Range(1, result.PageCount).Where(n => n == 1 || n == result.PageCount || Math.Abs(n - result.Page) <= 2)
            .Select(n => (object?)new Dictionary<string, object?> { ["Number"] = n, ["Url"] = filters.Url(page: n), ["Current"] = n == result.Page }).ToList();
        var campaign = filters.Campaign is { } cid ? campaigns.First(c => c.Id == cid) : default;
        var values = new Dictionary<string, object?>
        {
            ["Resources"] = items,
            ["Total"] = result.TotalCount,
            ["Page"] = result.Page,
            ["PageCount"] = result.PageCount,
            ["Pages"] = result.PageCount > 1 ? pages : new List<object?>(),
            ["PreviousUrl"] = result.Page > 1 ? filters.Url(page: result.Page - 1) : null,
            ["NextUrl"] = result.Page < result.PageCount ? filters.Url(page: result.Page + 1) : null,
            ["Query"] = filters.Query,
            ["HasFilters"] = filters.Any,
            ["ClearUrl"] = LibraryRoutes.List,
            ["Topics"] = Options(terms.Select(t => (t.TermId, t.DisplayText)), filters.Topic),
            ["Kinds"] = Options(ResourceVocabulary.Kinds, filters.Kind),
            ["Audiences"] = Options(ResourceVocabulary.Audiences, filters.Audience),
            ["Campaigns"] = Options(campaigns.Select(c => (c.Id, c.Title)), filters.Campaign),
            ["Campaign"] = campaign.Id is null ? null : new Dictionary<string, object?>
            {
                ["Title"] = campaign.Title,
                ["Url"] = campaign.Path is null ? null : "/" + campaign.Path,
                ["PackUrl"] = await CampaignPack.HasFilesAsync(services, campaign.Id, ct) ? LibraryRoutes.Pack(campaign.Id) : null,
            },
        };
        var view = new PageView
        {
            Title = result.Page > 1 ? $"Thư viện tài liệu – trang {result.Page}" : "Thư viện tài liệu",
            MetaDescription = "Áp phích, tờ rơi, sổ tay và bài trình chiếu về bảo vệ trẻ em: tải về, in và chia sẻ miễn phí.",
            Canonical = page.Scope.Site.BaseUrl + filters.Url(),
            // Filtered and searched lists are many addresses for the same items: only the plain list is indexed.
            NoIndex = filters.Query is not null,
            Path = LibraryRoutes.List,
        };
        await page.WriteAsync(ListTemplate, values, view, "<h1>Thư viện tài liệu</h1>");
    }

    public static async Task ResourceAsync(HttpContext http, string slug)
    {
        var (outcome, found, movedTo) = await ResourceLookup.FindAsync(http, slug);
        if (outcome == ResourceLookup.Outcome.Moved)
        {
            http.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            http.Response.Headers.Location = "/" + movedTo + http.Request.QueryString;
            return;
        }
        var page = await ThemedPage.BeginAsync(http);
        if (found is null)
        {
            await page.NotFoundAsync();
            return;
        }
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        var (item, data) = found;
        var media = services.GetRequiredService<IMediaLibrary>();
        var contents = services.GetRequiredService<IContentManager>();
        var files = await media.GetManyAsync(data.MediaIds, ct);
        var baseUrl = page.Scope.Site.BaseUrl;
        var path = item.Path!;

        var coverFile = data.CoverMediaId is { } cid && files.TryGetValue(cid, out var cf) && cf.IsImage
            ? cf
            : data.Files.Select(f => files.GetValueOrDefault(f.MediaId)).FirstOrDefault(f => f is { IsImage: true });
        var terms = await services.GetRequiredService<ITaxonomyLookup>().GetTermsAsync("topics", ct);
        var campaigns = new List<object?>();
        foreach (var id in data.CampaignIds)
        {
            var campaign = await contents.GetAsync(id, VersionOptions.Published, ct);
            if (campaign is null) continue;
            campaigns.Add(new Dictionary<string, object?>
            {
                ["Title"] = campaign.DisplayText,
                ["Url"] = string.IsNullOrEmpty(campaign.Path) ? null : "/" + campaign.Path,
                ["LibraryUrl"] = $"{LibraryRoutes.List}?chien-dich={Uri.EscapeDataString(id)}",
                ["PackUrl"] = await CampaignPack.HasFilesAsync(services, id, ct) ? LibraryRoutes.Pack(id) : null,
            });
        }
        var values = new Dictionary<string, object?>
        {
            ["Model"] = item,
            ["Resource"] = new Dictionary<string, object?>
            {
                ["Title"] = item.DisplayText,
                ["Summary"] = item.Get<string>("SummaryPart", "Summary"),
                ["BodyHtml"] = item.Get<string>("BodyPart", "Html"),
                ["Kind"] = ResourceVocabulary.KindText(data.Kind),
                ["KindCode"] = data.Kind,
                ["Language"] = ResourceVocabulary.LanguageText(data.Language),
                ["LanguageCode"] = data.Language,
                ["Audiences"] = data.Audiences.Select(a => (object?)ResourceVocabulary.AudienceText(a)).ToList(),
                ["Topics"] = data.TopicIds.Select(t => (object?)new Dictionary<string, object?>
                {
                    ["Text"] = terms.FirstOrDefault(x => x.TermId == t)?.DisplayText ?? t,
                    ["Url"] = $"{LibraryRoutes.List}?chu-de={Uri.EscapeDataString(t)}",
                }).ToList(),
                ["Campaigns"] = campaigns,
                ["UsageNote"] = data.UsageNote,
                ["Restricted"] = data.Restricted,
                ["VideoUrl"] = data.VideoUrl,
                ["Cover"] = CoverViews.Build(media, coverFile, path, data.Restricted, item.DisplayText, large: true),
                ["Files"] = data.Files.Where(f => files.ContainsKey(f.MediaId)).Select(f =>
                {
                    var file = files[f.MediaId];
                    return (object?)new Dictionary<string, object?>
                    {
                        ["Label"] = f.Label,
                        ["Url"] = LibraryRoutes.Download(path, f.Key),
                        ["Format"] = FileFacts.Format(file),
                        ["Size"] = FileFacts.Size(file.Length),
                        ["Pages"] = FileFacts.Pages(file),
                        ["Dimensions"] = FileFacts.Dimensions(file),
                        ["Facts"] = FileFacts.Describe(file),
                        ["Name"] = file.OriginalName,
                    };
                }).ToList(),
                ["PageUrl"] = baseUrl + "/" + path,
                ["QrPngUrl"] = LibraryRoutes.Qr(path, "png"),
                ["QrSvgUrl"] = LibraryRoutes.Qr(path, "svg"),
                ["PublishedUtc"] = item.PublishedUtc,
                ["LibraryUrl"] = LibraryRoutes.List,
            },
        };
        var view = new PageView
        {
            Title = item.DisplayText,
            MetaDescription = item.Get<string>("SummaryPart", "Summary"),
            ImageUrl = coverFile is not null && !data.Restricted ? baseUrl + media.GetUrl(coverFile, coverFile.DerivativesReady ? MediaDerivative.Card : MediaDerivative.Original) : null,
            Canonical = baseUrl + "/" + path,
            NoIndex = data.Restricted,
            Path = LibraryRoutes.List,
        };
        // Restricted pages must not be kept by shared caches.
        if (data.Restricted) http.Response.Headers.CacheControl = "private, no-store";
        await page.WriteAsync(ResourceTemplate, values, view, $"<h1>{Themes.Liquid.HtmlOutput.Encoder.Encode(item.DisplayText)}</h1>", item);
    }

    internal static async Task<List<(string Id, string Title, string? Path)>> PublishedCampaignsAsync(IContentManager contents, CancellationToken ct)
    {
        var list = await contents.ListPublishedAsync("Campaign", 1, 100, ct);
        return list.Items.Select(c => (c.ContentItemId, c.DisplayText, c.Path)).ToList();
    }

    private static List<object?> Options(IEnumerable<(string Value, string Text)> options, string? selected) =>
        options.Select(o => (object?)new Dictionary<string, object?> { ["Value"] = o.Value, ["Text"] = o.Text, ["Selected"] = o.Value == selected }).ToList();
}
