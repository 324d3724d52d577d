using ChildProtection.Core.Settings;

namespace ChildProtection.Web.Setup;

/// <summary>Remembers once the site is set up so the redirect check costs nothing after that.</summary>
public sealed class SetupState(IServiceScopeFactory scopes)
{
    private volatile bool setUp;

    public async Task<bool> IsSetUpAsync(CancellationToken cancellationToken = default)
    {
        if (setUp) return true;
        await using var scope = scopes.CreateAsyncScope();
        setUp = await scope.ServiceProvider.GetRequiredService<ISiteSettingsService>().IsSetUpAsync(cancellationToken);
        return setUp;
    }

    public void MarkSetUp() => setUp = true;
}

/// <summary>Until setup is done every page leads to /setup (health checks and static files excepted).</summary>
public sealed class SetupRedirectMiddleware(RequestDelegate next, SetupState state)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/setup") || path.StartsWithSegments("/health") || path.StartsWithSegments("/error")
            || path.StartsWithSegments("/css") || path.StartsWithSegments("/js") || path.StartsWithSegments("/favicon.ico")
            || await state.IsSetUpAsync(context.RequestAborted))
        {
            await next(context);
            return;
        }
        if (path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsJsonAsync(new { error = "The site is not set up yet." });
            return;
        }
        context.Response.Redirect("/setup");
    }
}
