using ChildProtection.Core.Settings;
using ChildProtection.Editorial.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Editorial.Pages.Admin.Notifications;

/// <summary>The signed-in person's notifications, newest first, paged; opening one marks it read, as can a button for all.</summary>
public sealed class IndexModel(EditorialDbContext db, ISiteSettingsService settings, TimeProvider clock) : PageModel
{
    public const int PageSize = 30;

    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public List<EditorialNotification> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int Unread { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public SiteTime Time { get; private set; } = null!;

    private string Me => User.Identity?.Name ?? "";

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Time = SiteTime.From(await settings.GetAsync(ct));
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserName == Me);
        Total = await mine.CountAsync(ct);
        Unread = await mine.CountAsync(n => n.ReadUtc == null, ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await mine.OrderByDescending(n => n.CreatedUtc).ThenByDescending(n => n.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        return Page();
    }

    /// <summary>Marks one of the person's own notifications read and goes where it points (a local address only).</summary>
    public async Task<IActionResult> OnPostOpenAsync(long id)
    {
        var row = await db.Notifications.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id && n.UserName == Me, HttpContext.RequestAborted);
        if (row is null) return NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.Id == id && n.UserName == Me && n.ReadUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadUtc, now), HttpContext.RequestAborted);
        return Redirect(row.Url is { } url && Url.IsLocalUrl(url) ? url : "/admin/notifications");
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.UserName == Me && n.ReadUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadUtc, now), HttpContext.RequestAborted);
        return Redirect("/admin/notifications");
    }
}
