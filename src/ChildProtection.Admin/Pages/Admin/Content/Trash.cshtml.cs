using ChildProtection.Core.Security;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Metadata;
using ChildProtection.Core.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Admin.Pages.Admin.Content;

/// <summary>Deleted items stay recoverable here; restoring brings an item back as unpublished.</summary>
public sealed class TrashModel(IContentManager contents, IContentDefinitionStore definitions, ISiteSettingsService settings,
    ContentAuthorizer authorizer, IStringLocalizer<AdminText> T) : PageModel
{
    [FromQuery(Name = "page")] public int PageNumber { get; set; } = 1;
    public PagedResult<ContentListEntry> Result { get; private set; } = new([], 0, 1, 20);
    public SiteTime Time { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var allowed = await AllowedTypesAsync();
        if (allowed.Count == 0) return Forbid();
        Time = SiteTime.From(await settings.GetAsync(HttpContext.RequestAborted));
        Result = await contents.ListAsync(new ContentListQuery { Removed = true, ContentTypes = allowed, Page = Math.Max(1, PageNumber) }, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(string id)
    {
        // Versions are listed whether or not the item is in the bin; the type decides who may restore.
        var entry = (await contents.GetVersionsAsync(id, HttpContext.RequestAborted)).FirstOrDefault(v => v.Latest);
        if (entry is null) return NotFound();
        if (!(await AllowedTypesAsync()).Contains(entry.ContentType)) return Forbid();
        if (!await contents.RestoreRemovedAsync(id, User.Identity?.Name, HttpContext.RequestAborted)) return NotFound();
        TempData["Message"] = T["\"{0}\" was restored as unpublished.", entry.DisplayText].Value;
        return Redirect($"/admin/content/{id}/edit");
    }

    private async Task<List<string>> AllowedTypesAsync()
    {
        var allowed = new List<string>();
        foreach (var type in (await definitions.GetAsync(HttpContext.RequestAborted)).ContentTypes)
            if (await authorizer.CanAsync(User, ContentAction.Delete, type, null)) allowed.Add(type.Name);
        return allowed;
    }
}
