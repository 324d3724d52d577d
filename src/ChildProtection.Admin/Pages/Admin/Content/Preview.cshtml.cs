using ChildProtection.Core.Contents;
using ChildProtection.Core.Metadata;
using ChildProtection.Core.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildProtection.Admin.Pages.Admin.Content;

/// <summary>
/// Makes a signed, expiring preview address for the item's latest version (or the version asked for)
/// and sends the browser there; the address can be passed to a reviewer until it expires.
/// </summary>
public sealed class PreviewModel(IContentManager contents, IContentDefinitionStore definitions, ContentAuthorizer authorizer,
    IAuthorizationService authorization, PreviewTokens tokens) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string id, string? version)
    {
        var ct = HttpContext.RequestAborted;
        var item = version is { Length: > 0 and <= 26 }
            ? await contents.GetAsync(id, VersionOptions.ForVersion(version), ct)
            : await contents.GetAsync(id, VersionOptions.Latest, ct);
        if (item is null) return NotFound();
        var type = await definitions.GetTypeAsync(item.ContentType, ct);
        if (type is null) return NotFound();
        if (!await authorization.AuthorizeAsync(User, ContentPermissions.PreviewContent)
            || !await authorizer.CanAsync(User, ContentAction.Edit, type, item.Owner)) return Forbid();
        return Redirect("/preview/" + Uri.EscapeDataString(tokens.Create(item.ContentItemId, item.ContentItemVersionId)));
    }
}
