using ChildProtection.Core;
using ChildProtection.Core.Parts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Library.Pages;

/// <summary>What the library's admin pages share: refusals, and messages from the content engine in Vietnamese.</summary>
public abstract class LibraryAdminPage : PageModel
{
    /// <summary>A visitor who is not signed in is sent to the login page; a signed-in user without the right sees "access denied".</summary>
    protected IActionResult Denied() => User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();

    /// <summary>A validation message of the resource part (this module's resources) or of the engine's parts (Core's).</summary>
    protected string Localize(ContentValidationError error)
    {
        var own = HttpContext.RequestServices.GetRequiredService<IStringLocalizer<LibraryText>>()[error.Message, error.Args];
        if (!own.ResourceNotFound) return own.Value;
        return HttpContext.RequestServices.GetRequiredService<IStringLocalizer<CoreText>>()[error.Message, error.Args].Value;
    }
}
