using Microsoft.AspNetCore.Http;

namespace ChildProtection.Jobs;

/// <summary>
/// The dashboard's live counters (<c>/admin/jobs/stats</c>) are posted by its own script as a form. Hangfire
/// reads the form whatever the method, and reading a form from a GET (a bookmark, a link check, a curious
/// administrator) throws: a 500. Anything but a form post is answered here, before Hangfire sees it.
/// </summary>
internal sealed class DashboardStatsGuard(RequestDelegate next)
{
    public const string Path = JobsModule.DashboardPath + "/stats";

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase)) return next(context);
        if (!HttpMethods.IsPost(request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "POST";
            return Task.CompletedTask;
        }
        if (!request.HasFormContentType)
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return Task.CompletedTask;
        }
        return next(context);
    }
}
