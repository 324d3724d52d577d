using ChildProtection.Core.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Media.Admin;

/// <summary>Every media admin page and JSON handler needs ManageMedia, checked before any handler runs.</summary>
public abstract class MediaPageModel : PageModel
{
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var authorization = HttpContext.RequestServices.GetRequiredService<IAuthorizationService>();
        if (!await authorization.AuthorizeAsync(User, MediaPermission.ManageMedia))
        {
            context.Result = Forbid();
            return;
        }
        await next();
    }

    protected string Actor => User.Identity?.Name ?? "?";

    protected bool WantsJson => Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / 1024.0 / 1024.0:0.#} MB",
    };
}
