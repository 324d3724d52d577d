using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChildProtection.Events.Pages;

/// <summary>What the events admin pages share: refusals the way every admin page refuses.</summary>
public abstract class EventsAdminPage : PageModel
{
    /// <summary>A visitor who is not signed in is sent to the login page; a signed-in user without the right sees "access denied".</summary>
    protected IActionResult Denied() => User.Identity?.IsAuthenticated == true ? Forbid() : Challenge();
}
