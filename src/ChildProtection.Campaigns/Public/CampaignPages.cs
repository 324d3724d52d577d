using ChildProtection.Themes.Public;
using ChildProtection.Campaigns.Parts;
using ChildProtection.Themes.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Campaigns.Public;

/// <summary>
/// <c>/chien-dich</c>: published campaigns, running ones first, then upcoming, then ended, in sections under
/// their status, twenty a page, with a status filter (<c>trang-thai</c>). Rendered by the theme's
/// <c>Campaigns</c> template; each campaign through its Summary display. A page past the end is the theme's 404;
/// an unknown filter value is ignored.
/// </summary>
internal static class CampaignPages
{
    public const string ListTemplate = "Campaigns";
    public const int PageSize = 20;

    public static async Task ListAsync(HttpContext http)
    {
        var page = await ThemedPage.BeginAsync(http);
        var all = await http.RequestServices.GetRequiredService<CampaignCatalog>().PublishedAsync(http.RequestAborted);
        var statusText = http.Request.Query[CampaignRoutes.StatusParameter].ToString();
        var filter = CampaignRoutes.StatusFilters.FirstOrDefault(f => f.Value == statusText);
        var chosen = filter.Value is null ? all : all.Where(e => e.Status == filter.Status).ToList();

        var pageText = http.Request.Query[CampaignRoutes.PageParameter].ToString();
        var number = 1;
        var pageCount = Math.Max(1, (chosen.Count + PageSize - 1) / PageSize);
        if (pageText.Length > 0 && (!int.TryParse(pageText, out number) || number < 1 || number > pageCount))
        {
            await page.NotFoundAsync();
            return;
        }

        string Url(int n, string? status)
        {
            var query = new List<string>();
            if (status is not null) query.Add($"{CampaignRoutes.StatusParameter}={status}");
            if (n > 1) query.Add($"{CampaignRoutes.PageParameter}={n}");
            return CampaignRoutes.List + (query.Count > 0 ? "?" + string.Join("&", query) : "");
        }

        var shown = chosen.Skip((number - 1) * PageSize).Take(PageSize).ToList();
        var sections = shown.GroupBy(e => e.Status).Select(g => (object?)new Dictionary<string, object?>
        {
            ["Status"] = CampaignData.StatusCode(g.Key),
            ["Title"] = g.Key switch
            {
                CampaignStatus.Running => "Đang diễn ra",
                CampaignStatus.Upcoming => "Sắp diễn ra",
                _ => "Đã kết thúc",
            },
            ["Items"] = g.Select(e => e.Item).ToList(),
        }).ToList();
        var counts = CampaignRoutes.StatusFilters.Select(f => (object?)new Dictionary<string, object?>
        {
            ["Text"] = f.Text,
            ["Url"] = Url(1, f.Value),
            ["Count"] = all.Count(e => e.Status == f.Status),
            ["Current"] = f.Value == filter.Value,
        }).ToList();
        var pages = Enumerable.Range(1, pageCount).Where(n => n == 1 || n == pageCount || Math.Abs(n - number) <= 2)
            .Select(n => (object?)new Dictionary<string, object?> { ["Number"] = n, ["Url"] = Url(n, filter.Value), ["Current"] = n == number }).ToList();

        var values = new Dictionary<string, object?>
        {
            ["Sections"] = sections,
            ["Total"] = chosen.Count,
            ["Filters"] = counts,
            ["AllUrl"] = CampaignRoutes.List,
            ["Filtered"] = filter.Value is not null,
            ["FilterText"] = filter.Text,
            ["Page"] = number,
            ["PageCount"] = pageCount,
            ["Pages"] = pageCount > 1 ? pages : new List<object?>(),
            ["PreviousUrl"] = number > 1 ? Url(number - 1, filter.Value) : null,
            ["NextUrl"] = number < pageCount ? Url(number + 1, filter.Value) : null,
        };
        var heading = filter.Value is null ? "Chiến dịch truyền thông" : $"Chiến dịch truyền thông – {filter.Text.ToLowerInvariant()}";
        var view = new PageView
        {
            Title = number > 1 ? $"{heading} – trang {number}" : heading,
            MetaDescription = "Các chiến dịch truyền thông về bảo vệ, chăm sóc trẻ em của thành phố: đang diễn ra, sắp diễn ra và đã kết thúc.",
            Canonical = page.Scope.Site.BaseUrl + Url(number, filter.Value),
            Path = CampaignRoutes.List,
        };
        await page.WriteAsync(ListTemplate, values, view, "<h1>Chiến dịch truyền thông</h1>");
    }
}
