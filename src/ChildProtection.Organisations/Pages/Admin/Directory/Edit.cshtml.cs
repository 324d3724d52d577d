using ChildProtection.Organisations.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Organisations.Pages.Admin.Directory;

/// <summary>Create or edit one organisation with its contacts; delete it when nothing depends on it.</summary>
public sealed class EditModel(DirectoryDbContext db, OrganisationStore store, IStringLocalizer<DirectoryText> T) : DirectoryAdminPage
{
    /// <summary>Blank contact rows offered for new contacts, so adding one needs no script.</summary>
    public const int BlankContacts = 2;

    [BindProperty] public OrganisationForm Input { get; set; } = new();

    public int? Id { get; private set; }
    public string? CurrentName { get; private set; }
    public IReadOnlyList<WardOption> Wards { get; private set; } = [];
    public string? SuccessorName { get; private set; }
    public IReadOnlyList<string> Groups { get; private set; } = [];
    /// <summary>The contacts' addresses flagged undeliverable by a bounce, by contact id.</summary>
    public ILookup<int, FlaggedAddress> Undeliverable { get; private set; } = Array.Empty<FlaggedAddress>().ToLookup(_ => 0);

    public sealed record FlaggedAddress(string Address, DateTime SinceUtc, string? Reason);

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (!await MayManageAsync()) return Denied();
        Id = id;
        if (id is { } existing)
        {
            var o = await db.Organisations.AsNoTracking().Include(x => x.Contacts).ThenInclude(c => c.Emails).AsSplitQuery().FirstOrDefaultAsync(x => x.Id == existing);
            if (o is null) return NotFound();
            CurrentName = o.Name;
            Input = new OrganisationForm
            {
                Code = o.Code, Name = o.Name, Kind = o.Kind.ToString(), Level = o.Level?.ToString(), WardId = o.WardId, Address = o.Address,
                ValidFrom = Date(o.ValidFrom), ValidTo = Date(o.ValidTo),
                SuccessorCode = o.SuccessorId is { } s ? await db.Organisations.Where(x => x.Id == s).Select(x => x.Code).FirstOrDefaultAsync() : null,
                Contacts = o.Contacts.OrderBy(c => c.Id).Select(c => new ContactForm
                {
                    Id = c.Id, Name = c.Name, Role = c.Role, Emails = string.Join("; ", c.Emails.OrderBy(e => e.Id).Select(e => e.Address)),
                }).ToList(),
            };
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        if (!await MayManageAsync()) return Denied();
        Id = id;
        if (id is not null && !await db.Organisations.AnyAsync(o => o.Id == id)) return NotFound();
        var outcome = await store.SaveAsync(id, Input, HttpContext.RequestAborted);
        if (!outcome.Succeeded)
        {
            Errors.AddRange(outcome.Errors);
            CurrentName = id is null ? null : await db.Organisations.Where(o => o.Id == id).Select(o => o.Name).FirstOrDefaultAsync();
            await LoadAsync();
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        TempData["Message"] = T["The organisation {0} was saved.", Input.Name?.Trim() ?? ""].Value;
        return Redirect($"/admin/directory/edit/{outcome.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id)
    {
        if (!await MayManageAsync()) return Denied();
        var name = await db.Organisations.Where(o => o.Id == id).Select(o => o.Name).FirstOrDefaultAsync();
        if (name is null) return NotFound();
        var refusals = await store.DeleteAsync(id, HttpContext.RequestAborted);
        if (refusals.Count > 0)
        {
            Errors.Add(T["{0} cannot be deleted:", name]);
            Errors.AddRange(refusals);
            ModelState.Clear();
            var result = await OnGetAsync(id);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return result;
        }
        TempData["Message"] = T["The organisation {0} was deleted.", name].Value;
        return Redirect("/admin/directory");
    }

    private async Task LoadAsync()
    {
        Wards = (await IndexModel.WardOptionsAsync(db)).Where(w => w.Id != Id).ToList();
        if (!string.IsNullOrWhiteSpace(Input.SuccessorCode))
        {
            var code = Organisation.NormalizeCode(Input.SuccessorCode);
            SuccessorName = await db.Organisations.Where(o => o.Code == code).Select(o => o.Name).FirstOrDefaultAsync();
        }
        if (Id is { } orgId)
            Undeliverable = (await (from c in db.Contacts.AsNoTracking()
                                    join e in db.ContactEmails.AsNoTracking() on c.Id equals e.ContactId
                                    where c.OrganisationId == orgId && e.UndeliverableSinceUtc != null
                                    orderby e.Id
                                    select new { c.Id, e.Address, Since = e.UndeliverableSinceUtc!.Value, e.UndeliverableReason }).ToListAsync())
                .ToLookup(x => x.Id, x => new FlaggedAddress(x.Address, x.Since, x.UndeliverableReason));
        if (Id is { } id)
            Groups = await (from m in db.GroupMembers join g in db.Groups on m.GroupId equals g.Id where m.OrganisationId == id orderby g.Name select g.Name).ToListAsync();
        while (Input.Contacts.Count(c => c.IsBlank) < BlankContacts) Input.Contacts.Add(new ContactForm());
    }
}
