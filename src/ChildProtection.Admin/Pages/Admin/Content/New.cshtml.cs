using ChildProtection.Admin.Editing;
using ChildProtection.Core.Security;
using ChildProtection.Core;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Metadata;
using ChildProtection.Core.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Admin.Pages.Admin.Content;

public sealed class NewModel(IContentManager contents, IContentDefinitionStore definitions, ISiteSettingsService settings,
    ContentAuthorizer authorizer, ContentEditor editor, IStringLocalizer<AdminText> T, IStringLocalizer<CoreText> C)
    : ContentEditorPageModel(contents, definitions, settings, authorizer, editor, T, C)
{
    public async Task<IActionResult> OnGetAsync(string type)
    {
        if (!await LoadAsync(type, null) || !ContentType.TypeSettings.Creatable) return NotFound();
        return await CanEditAsync() ? Page() : Forbid();
    }

    public async Task<IActionResult> OnPostSaveAsync(string type) =>
        !await LoadAsync(type, null) || !ContentType.TypeSettings.Creatable ? NotFound() : await SaveAsync(publish: false);

    public async Task<IActionResult> OnPostPublishAsync(string type) =>
        !await LoadAsync(type, null) || !ContentType.TypeSettings.Creatable ? NotFound() : await SaveAsync(publish: true);
}
