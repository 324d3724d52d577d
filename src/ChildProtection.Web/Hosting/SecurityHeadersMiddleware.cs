namespace ChildProtection.Web.Hosting;

/// <summary>
/// Headers on every response: a strict content security policy (no inline script anywhere we render),
/// no framing, no MIME sniffing, a conservative referrer policy.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string Csp =
        "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; object-src 'none'; " +
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // The Hangfire dashboard ships inline script and style of its own; it is for administrators only.
    private const string JobsCsp =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; " +
        "object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        // Decided now, on the path as it came in: by the time the response starts, the Hangfire dashboard
        // has moved /admin/jobs into PathBase and left "/" or "/stats" in Path.
        var csp = context.Request.Path.StartsWithSegments("/admin/jobs") ? JobsCsp : Csp;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers["X-Content-Type-Options"] = "nosniff";
            headers["X-Frame-Options"] = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (!headers.ContainsKey("Content-Security-Policy"))
                headers["Content-Security-Policy"] = csp;
            return Task.CompletedTask;
        });
        return next(context);
    }
}
