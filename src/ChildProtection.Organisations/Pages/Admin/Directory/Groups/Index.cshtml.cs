using ChildProtection.Organisations.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Organisations.Pages.Admin.Directory.Groups;

public sealed record GroupRow(int Id, string Name, string? Description, GroupKind Kind, string Summary, GroupCount Count);

/// <summary>Recipient groups with how many organisations and addresses each reaches today.</summary>
public sealed class IndexModel(DirectoryDbContext db) : DirectoryAdminPage
{
    public IReadOnlyList<GroupRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await MayManageAsync()) return Denied();
        var groups = await db.Groups.AsNoTracking().OrderBy(g => g.Name).ToListAsync();
        var wardNames = await db.Organisations.AsNoTracking().Where(o => groups.Select(g => g.RuleWardId).Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name);
        var rows = new List<GroupRow>();
        foreach (var g in groups)
            rows.Add(new GroupRow(g.Id, g.Name, g.Description, g.Kind, EditModel.Describe(g, wardNames), await GroupCounts.ForGroupAsync(db, g, Today)));
        Rows = rows;
        return Page();
    }
}
