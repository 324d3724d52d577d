using ChildProtection.Core.Settings;
using Microsoft.AspNetCore.Mvc;

namespace ChildProtection.Notices.Replies;

/// <summary>
/// The replies' section of the notice report (who replied, figures per ward), as a component of its own so
/// the report page needs one line for it. Renders nothing when the notice asks for no reply.
/// </summary>
public sealed class ReplySummaryViewComponent(ReplyReport report, ISiteSettingsService site) : ViewComponent
{
    public sealed record Model(int NoticeId, ReplySummary Summary, SiteTime Time, bool Full);

    public async Task<IViewComponentResult> InvokeAsync(int noticeId, bool full = false)
    {
        var summary = await report.BuildAsync(noticeId, HttpContext.RequestAborted);
        if (summary.Fields.Count == 0) return Content("");
        return View(new Model(noticeId, summary, SiteTime.From(await site.GetAsync(HttpContext.RequestAborted)), full));
    }
}
