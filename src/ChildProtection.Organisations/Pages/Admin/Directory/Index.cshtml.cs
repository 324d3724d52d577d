using ChildProtection.Organisations.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Organisations.Pages.Admin.Directory;

public sealed record OrganisationRow(int Id, string Code, string Name, OrganisationKind Kind, SchoolLevel? Level, string? WardName,
    DateOnly? ValidFrom, DateOnly? ValidTo, string? SuccessorName, int EmailCount);

public sealed record WardOption(int Id, string Code, string Name);

/// <summary>The organisations: searched (without diacritics too), filtered and paged in the database, so 100,000 rows stay quick.</summary>
public sealed class IndexModel(DirectoryDbContext db) : DirectoryAdminPage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }
    [BindProperty(SupportsGet = true, Name = "kind")] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "level")] public string? Level { get; set; }
    [BindProperty(SupportsGet = true, Name = "ward")] public int? Ward { get; set; }
    /// <summary>"valid" (today), "ended", "future" or empty for all.</summary>
    [BindProperty(SupportsGet = true, Name = "validity")] public string? Validity { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<OrganisationRow> Rows { get; private set; } = [];
    public IReadOnlyList<WardOption> Wards { get; private set; } = [];
    public int Total { get; private set; }
    public int DirectoryCount { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public bool Filtered => !string.IsNullOrWhiteSpace(Search) || Kind is { Length: > 0 } || Level is { Length: > 0 } || Ward is not null || Validity is { Length: > 0 };

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await MayManageAsync()) return Denied();
        Wards = await WardOptionsAsync(db);
        var query = DatabaseRecipientDirectory.Search(db.Organisations.AsNoTracking(), Search);
        if (Enum.TryParse<OrganisationKind>(Kind, out var kind) && Enum.IsDefined(kind)) query = query.Where(o => o.Kind == kind);
        else Kind = null;
        if (Enum.TryParse<SchoolLevel>(Level, out var level) && Enum.IsDefined(level)) query = query.Where(o => o.Level == level);
        else Level = null;
        if (Ward is { } ward) query = query.Where(o => o.WardId == ward);
        var today = Today;
        query = Validity switch
        {
            "valid" => query.Where(DatabaseRecipientDirectory.Valid(today)),
            "ended" => query.Where(o => o.ValidTo != null && o.ValidTo < today),
            "future" => query.Where(o => o.ValidFrom != null && o.ValidFrom > today),
            _ => query,
        };
        if (Validity is not ("valid" or "ended" or "future")) Validity = null;
        Total = await query.CountAsync();
        DirectoryCount = Filtered ? await db.Organisations.CountAsync() : Total;
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await query.OrderBy(o => o.NameKey).ThenBy(o => o.Code)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(o => new OrganisationRow(o.Id, o.Code, o.Name, o.Kind, o.Level,
                db.Organisations.Where(w => w.Id == o.WardId).Select(w => w.Name).FirstOrDefault(),
                o.ValidFrom, o.ValidTo,
                db.Organisations.Where(s => s.Id == o.SuccessorId).Select(s => s.Name).FirstOrDefault(),
                db.Contacts.Where(c => c.OrganisationId == o.Id).SelectMany(c => c.Emails).Count()))
            .ToListAsync();
        return Page();
    }

    public string PageUrl(int page) =>
        $"?q={Uri.EscapeDataString(Search ?? "")}&kind={Kind}&level={Level}&ward={Ward}&validity={Validity}&page={page}";

    internal static async Task<IReadOnlyList<WardOption>> WardOptionsAsync(DirectoryDbContext db) =>
        await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Ward || o.Kind == OrganisationKind.Commune)
            .OrderBy(o => o.NameKey).Select(o => new WardOption(o.Id, o.Code, o.Name)).ToListAsync();
}
