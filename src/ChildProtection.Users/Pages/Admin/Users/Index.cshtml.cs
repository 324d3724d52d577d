using ChildProtection.Users.Accounts;
using ChildProtection.Users.Data;
using ChildProtection.Users.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Users.Pages.Admin.Users;

public sealed record UserRow(string Id, string UserName, string? Email, IReadOnlyList<string> Roles, bool Locked, DateTime CreatedUtc, DateTime? LastSignInUtc, OrganisationShown? Organisation = null);

/// <summary>The user list: searched and paged in the database, so it stays quick with thousands of school accounts.</summary>
public sealed class IndexModel(UsersDbContext db, UserManager<User> users, UserOrganisations organisations, TimeProvider clock) : UsersAdminPage
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<UserRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await CanAsync(UserPermissions.ManageUsers)) return Denied();
        await LoadTimeZoneAsync();
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Search))
        {
            // Normalized columns are indexed and upper-cased: the search ignores case.
            var term = users.NormalizeName(Search.Trim());
            query = query.Where(u => u.NormalizedUserName!.Contains(term) || u.NormalizedEmail!.Contains(term));
        }
        Total = await query.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var page = await query.OrderBy(u => u.NormalizedUserName)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(u => new { u.Id, u.UserName, u.Email, u.LockoutEnd, u.CreatedUtc, u.LastSignInUtc })
            .ToListAsync();
        var ids = page.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles.AsNoTracking()
                           join r in db.Roles.AsNoTracking() on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync();
        var linked = await organisations.OfUsersAsync(ids, HttpContext.RequestAborted);
        var now = clock.GetUtcNow();
        Rows = page.Select(u => new UserRow(u.Id, u.UserName!, u.Email,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList(),
            u.LockoutEnd is { } end && end > now, u.CreatedUtc, u.LastSignInUtc, linked.GetValueOrDefault(u.Id))).ToList();
        return Page();
    }
}
