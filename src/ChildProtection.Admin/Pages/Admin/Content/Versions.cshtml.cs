using ChildProtection.Core.Security;
using ChildProtection.Core;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Metadata;
using ChildProtection.Core.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Admin.Pages.Admin.Content;

/// <summary>Every saved version of an item; an old one can be restored as a new draft (history is never rewritten).</summary>
public sealed class VersionsModel(IContentManager contents, IContentDefinitionStore definitions, ISiteSettingsService settings,
    ContentAuthorizer authorizer, IStringLocalizer<AdminText> T, IStringLocalizer<CoreText> C) : PageModel
{
    public ContentItem Latest { get; private set; } = null!;
    public IReadOnlyList<ContentItem> Versions { get; private set; } = [];
    public SiteTime Time { get; private set; } = null!;
    public bool CanEdit { get; private set; }

    private async Task<bool> LoadAsync(string id)
    {
        var latest = await contents.GetAsync(id, VersionOptions.Latest, HttpContext.RequestAborted);
        if (latest is null) return false;
        var type = await definitions.GetTypeAsync(latest.ContentType, HttpContext.RequestAborted);
        if (type is null) return false;
        Latest = latest;
        CanEdit = await authorizer.CanAsync(User, ContentAction.Edit, type, latest.Owner);
        Time = SiteTime.From(await settings.GetAsync(HttpContext.RequestAborted));
        Versions = await contents.GetVersionsAsync(id, HttpContext.RequestAborted);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!await LoadAsync(id)) return NotFound();
        return CanEdit ? Page() : Forbid();
    }

    public async Task<IActionResult> OnPostRestoreAsync(string id, string versionId)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (!CanEdit) return Forbid();
        var result = await contents.RestoreVersionAsync(id, versionId, User.Identity?.Name, HttpContext.RequestAborted);
        if (result.Succeeded)
        {
            TempData["Message"] = T["Version restored as a new draft. Publish it when ready."].Value;
            return Redirect($"/admin/content/{id}/edit");
        }
        TempData["Error"] = string.Join(" ", result.Errors.Select(e => C[e.Message, e.Args].Value));
        return Redirect($"/admin/content/{id}/versions");
    }
}
