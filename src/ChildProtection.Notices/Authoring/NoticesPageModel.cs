using ChildProtection.Core.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Notices.Authoring;

/// <summary>
/// Every notice admin page and endpoint needs SendNotices. Checked here, before any handler runs, so
/// that no handler (GET, POST or JSON) can forget it; approval handlers check ApproveNotices on top.
/// </summary>
public abstract class NoticesPageModel : PageModel
{
    protected IAuthorizationService Authorization => HttpContext.RequestServices.GetRequiredService<IAuthorizationService>();

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!await Authorization.AuthorizeAsync(User, NoticesPermission.SendNotices))
        {
            context.Result = Forbid();
            return;
        }
        await next();
    }

    protected Task<bool> CanApproveAsync() => Authorization.AuthorizeAsync(User, NoticesPermission.ApproveNotices);

    protected string Actor => User.Identity?.Name ?? "?";
}
