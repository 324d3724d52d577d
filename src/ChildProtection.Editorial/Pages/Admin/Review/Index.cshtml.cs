using ChildProtection.Core.Security;
using ChildProtection.Core.Settings;
using ChildProtection.Editorial.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Editorial.Pages.Admin.Review;

/// <summary>The reviewers' queue: what waits for review (oldest first, paged), what is scheduled, what was returned.</summary>
public sealed class IndexModel(EditorialDbContext db, ISiteSettingsService settings, IAuthorizationService authorization) : PageModel
{
    public const int PageSize = 20;

    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public List<ReviewState> Waiting { get; private set; } = [];
    public int WaitingTotal { get; private set; }
    public int PageCount => Math.Max(1, (WaitingTotal + PageSize - 1) / PageSize);
    public List<(PublishSchedule Schedule, string Title)> Scheduled { get; private set; } = [];
    public List<ReviewState> Returned { get; private set; } = [];
    public SiteTime Time { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await authorization.AuthorizeAsync(User, ContentPermissions.ReviewContent)) return Forbid();
        var ct = HttpContext.RequestAborted;
        Time = SiteTime.From(await settings.GetAsync(ct));
        var waiting = db.ReviewStates.AsNoTracking().Where(s => s.Status == ReviewStatus.Submitted);
        WaitingTotal = await waiting.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Waiting = await waiting.OrderBy(s => s.SubmittedUtc).ThenBy(s => s.ContentItemId)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        var pending = await db.PublishSchedules.AsNoTracking()
            .Where(s => s.Status == ScheduleStatus.Pending || s.Status == ScheduleStatus.Running)
            .OrderBy(s => s.DueUtc).Take(100).ToListAsync(ct);
        var ids = pending.Select(p => p.ContentItemId).Distinct().ToList();
        var titles = await db.ReviewStates.AsNoTracking().Where(s => ids.Contains(s.ContentItemId))
            .ToDictionaryAsync(s => s.ContentItemId, s => s.Title, ct);
        Scheduled = pending.Select(p => (p, titles.GetValueOrDefault(p.ContentItemId) ?? p.ContentItemId)).ToList();
        Returned = await db.ReviewStates.AsNoTracking().Where(s => s.Status == ReviewStatus.Returned)
            .OrderByDescending(s => s.ReviewedUtc).Take(50).ToListAsync(ct);
        return Page();
    }
}
