using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Pages;

/// <summary>A friendly page for errors and status codes; never a stack trace. API paths get JSON instead.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IStringLocalizer<WebText> T) : PageModel
{
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    public IActionResult OnGet(int? code) => Build(code);
    public IActionResult OnPost(int? code) => Build(code);

    private IActionResult Build(int? code)
    {
        var status = code ?? StatusCodes.Status500InternalServerError;
        var original = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>()?.Path ?? "";
        (Title, Message) = status switch
        {
            404 => (T["Page not found"].Value, T["The page you are looking for does not exist or has been moved."].Value),
            403 => (T["Access denied"].Value, T["You do not have permission to see this page."].Value),
            400 => (T["Bad request"].Value, T["The request could not be understood. Please go back and try again."].Value),
            410 => (T["Page removed"].Value, T["This page has been removed."].Value),
            413 => (T["The file is too large"].Value, T["What you sent is larger than the site accepts. Nothing was saved; please send a smaller file."].Value),
            _ => (T["Something went wrong"].Value, T["An unexpected error happened. Nothing you entered was lost on our side; please try again in a moment."].Value),
        };
        Response.StatusCode = status;
        if (original.StartsWith("/api", StringComparison.OrdinalIgnoreCase))
            return new JsonResult(new { status, title = Title, detail = Message }) { StatusCode = status };
        return Page();
    }
}
