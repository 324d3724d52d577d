using ChildProtection.Core.Settings;
using ChildProtection.Notices.Authoring;
using ChildProtection.Notices.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Notices.Pages.Admin.Notices;

/// <summary>The notices list: newest first, server-side paging, a status filter and search by subject or number.</summary>
public sealed class IndexModel(NoticesDbContext db, ISiteSettingsService settings) : NoticesPageModel
{
    public const int PageSize = 20;

    [FromQuery(Name = "status")] public NoticeStatus? Status { get; set; }
    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;

    public sealed record Row(int Id, string NumberSymbol, string Subject, NoticeStatus Status, bool Approved, int RecipientCount, DateTime UpdatedUtc, string CreatedBy);

    public List<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public SiteTime Time { get; private set; } = null!;
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Time = SiteTime.From(await settings.GetAsync(ct));
        if (Status is { } s && !Enum.IsDefined(s)) Status = null;
        if (Q?.Length > 200) Q = Q[..200];
        var query = db.Notices.AsNoTracking();
        if (Status is { } status) query = query.Where(n => n.Status == status);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim().Normalize();
            query = query.Where(n => n.Subject.Contains(q) || n.NumberSymbol.Contains(q) || n.Summary.Contains(q));
        }
        Total = await query.CountAsync(ct);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await query.OrderByDescending(n => n.CreatedUtc).ThenByDescending(n => n.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(n => new Row(n.Id, n.NumberSymbol, n.Subject, n.Status, n.ApprovedBy != null, n.RecipientCount, n.UpdatedUtc, n.CreatedBy))
            .ToListAsync(ct);
        return Page();
    }

    public string PageUrl(int page) => "/admin/notices" + QueryString.Create(new Dictionary<string, string?>
    {
        ["status"] = Status?.ToString(), ["q"] = Q, ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }).ToUriComponent();
}
