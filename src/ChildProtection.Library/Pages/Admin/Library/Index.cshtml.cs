using ChildProtection.Core.Contents;
using ChildProtection.Core.Metadata;
using ChildProtection.Core.Security;
using ChildProtection.Core.Settings;
using ChildProtection.Library.Data;
using ChildProtection.Library.Parts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Library.Pages.Admin.Library;

/// <summary>The resources (latest versions), searched and paged, with their downloads of the last 30 days.</summary>
public sealed class IndexModel(IContentManager contents, IContentDefinitionStore definitions, ContentAuthorizer authorizer,
    ISiteSettingsService settings, LibraryDbContext db) : LibraryAdminPage
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public PagedResult<ContentListEntry> Result { get; private set; } = new([], 0, 1, 20);
    public Dictionary<string, long> Downloads { get; private set; } = [];
    public SiteTime Time { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var type = (await definitions.GetAsync(HttpContext.RequestAborted)).GetType(ResourceData.TypeName);
        if (type is null) return NotFound();
        if (!await authorizer.CanCreateAsync(User, type)) return Denied();
        Time = SiteTime.From(await settings.GetAsync(HttpContext.RequestAborted));
        if (Q is { Length: > 200 }) Q = Q[..200];
        Result = await contents.ListAsync(new ContentListQuery { ContentType = ResourceData.TypeName, Search = Q, Page = Math.Clamp(PageNumber, 1, 100_000), PageSize = 20 }, HttpContext.RequestAborted);
        var ids = Result.Items.Select(i => i.ContentItemId).ToList();
        var since = DateOnly.FromDateTime(Time.ToLocal(DateTime.UtcNow)).AddDays(-29);
        Downloads = await db.Downloads.AsNoTracking().Where(d => ids.Contains(d.ResourceId) && d.Day >= since)
            .GroupBy(d => d.ResourceId).Select(g => new { g.Key, Count = g.Sum(x => x.Count) })
            .ToDictionaryAsync(x => x.Key, x => x.Count, HttpContext.RequestAborted);
        return Page();
    }

    public string PageUrl(int page) => $"/admin/library?q={Uri.EscapeDataString(Q ?? "")}&page={page}";
}
