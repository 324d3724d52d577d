using ChildProtection.Organisations.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Organisations.Pages.Admin.Directory;

public sealed record UndeliverableRow(int EmailId, string Address, DateTime SinceUtc, string? Reason, int OrganisationId, string OrganisationCode, string OrganisationName, string? ContactName);

/// <summary>
/// Every address flagged undeliverable by a bounce, newest first and paged, for the office to clean up:
/// fix the address (the corrected one is no longer flagged) or clear the flag after a confirmation step.
/// </summary>
public sealed class UndeliverableModel(DirectoryDbContext db, UndeliverableAddresses addresses, IStringLocalizer<DirectoryText> T) : DirectoryAdminPage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;
    /// <summary>The address whose flag is about to be cleared: the page asks to confirm.</summary>
    [BindProperty(SupportsGet = true, Name = "clear")] public int? ConfirmClear { get; set; }

    public IReadOnlyList<UndeliverableRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    /// <summary>The row a failed fix was for, and what was typed, shown again with the error.</summary>
    public int? FixFor { get; private set; }
    public string? FixTyped { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await MayManageAsync()) return Denied();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostClearAsync(int emailId, bool confirmed)
    {
        if (!await MayManageAsync()) return Denied();
        if (!confirmed) return Redirect($"/admin/directory/undeliverable?clear={emailId}&page={PageNumber}");
        var address = await db.ContactEmails.AsNoTracking().Where(e => e.Id == emailId).Select(e => e.Address).FirstOrDefaultAsync();
        if (address is not null && await addresses.ClearAsync(emailId, HttpContext.RequestAborted))
            TempData["Message"] = T["The address {0} is no longer marked undeliverable: the next notices go to it again.", address].Value;
        else TempData["Message"] = T["That address is not marked undeliverable any more."].Value;
        return Redirect($"/admin/directory/undeliverable?page={PageNumber}");
    }

    public async Task<IActionResult> OnPostFixAsync(int emailId, string? newAddress)
    {
        if (!await MayManageAsync()) return Denied();
        var row = await db.ContactEmails.FirstOrDefaultAsync(e => e.Id == emailId);
        if (row is null)
        {
            TempData["Message"] = T["That address is not marked undeliverable any more."].Value;
            return Redirect($"/admin/directory/undeliverable?page={PageNumber}");
        }
        var typed = newAddress?.Trim() ?? "";
        var key = EmailAddresses.Normalize(typed);
        if (!EmailAddresses.IsValid(typed)) Errors.Add(T["\"{0}\" is not a valid e-mail address.", typed]);
        else if (key == row.Normalized) Errors.Add(T["Enter the corrected address: this is the address that bounced."]);
        else if (await db.ContactEmails.AnyAsync(e => e.Normalized == key && e.Id != emailId))
            Errors.Add(T["The address {0} already belongs to a contact in the directory.", typed]);
        if (Errors.Count > 0)
        {
            FixFor = emailId;
            FixTyped = typed;
            await LoadAsync();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var old = row.Address;
        // A corrected address has not bounced: the flag goes with the old one.
        row.Address = typed;
        row.Normalized = key;
        row.UndeliverableSinceUtc = null;
        row.UndeliverableReason = null;
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        TempData["Message"] = T["The address {0} was replaced by {1}.", old, typed].Value;
        return Redirect($"/admin/directory/undeliverable?page={PageNumber}");
    }

    private async Task LoadAsync()
    {
        var query = from e in db.ContactEmails.AsNoTracking()
                    where e.UndeliverableSinceUtc != null
                    join c in db.Contacts.AsNoTracking() on e.ContactId equals c.Id
                    join o in db.Organisations.AsNoTracking() on c.OrganisationId equals o.Id
                    select new { e, c, o };
        Total = await query.CountAsync();
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Rows = await query.OrderByDescending(x => x.e.UndeliverableSinceUtc).ThenBy(x => x.e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(x => new UndeliverableRow(x.e.Id, x.e.Address, x.e.UndeliverableSinceUtc!.Value, x.e.UndeliverableReason, x.o.Id, x.o.Code, x.o.Name, x.c.Name))
            .ToListAsync();
    }
}
