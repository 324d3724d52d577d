using ChildProtection.Admin.Editing;
using ChildProtection.Core.Security;
using ChildProtection.Core;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Metadata;
using ChildProtection.Core.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Admin.Pages.Admin.Content;

public sealed class EditModel(IContentManager contents, IContentDefinitionStore definitions, ISiteSettingsService settings,
    ContentAuthorizer authorizer, ContentEditor editor, IStringLocalizer<AdminText> T, IStringLocalizer<CoreText> C)
    : ContentEditorPageModel(contents, definitions, settings, authorizer, editor, T, C)
{
    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!await LoadAsync(null, id)) return NotFound();
        return await CanEditAsync() ? Page() : Forbid();
    }

    public async Task<IActionResult> OnPostSaveAsync(string id) => !await LoadAsync(null, id) ? NotFound() : await SaveAsync(publish: false);

    public async Task<IActionResult> OnPostPublishAsync(string id) => !await LoadAsync(null, id) ? NotFound() : await SaveAsync(publish: true);

    public async Task<IActionResult> OnPostUnpublishAsync(string id)
    {
        if (!await LoadAsync(null, id)) return NotFound();
        if (!CanPublish) return Forbid();
        if (await Contents.UnpublishAsync(id, User.Identity?.Name, HttpContext.RequestAborted))
            TempData["Message"] = Text["\"{0}\" is no longer published.", Item.DisplayText].Value;
        return Redirect($"/admin/content/{id}/edit");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id)
    {
        if (!await LoadAsync(null, id)) return NotFound();
        if (!CanDelete) return Forbid();
        await Contents.RemoveAsync(id, User.Identity?.Name, HttpContext.RequestAborted);
        TempData["Message"] = Text["\"{0}\" was moved to the recycle bin.", Item.DisplayText].Value;
        return Redirect($"/admin/content?type={ContentType.Name}");
    }
}
