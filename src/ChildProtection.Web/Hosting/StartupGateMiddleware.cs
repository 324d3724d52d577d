using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// While the node is still starting (PostgreSQL unreachable, migrations not applied) /health/live answers 200,
/// /health/ready 503 with what it waits for, and every other request a plain 503 with Retry-After, all built
/// here without touching the database: no module has its
/// tables yet, so letting a request through would only turn into a 500. A load balancer health-checking
/// /health/ready sends nobody here in the meantime; this page is for whoever reaches the node directly.
/// </summary>
public sealed class StartupGateMiddleware(RequestDelegate next, SiteStartupState state, IStringLocalizer<WebText> T)
{
    public const int RetryAfterSeconds = 10;
    private static readonly CultureInfo SiteDefault = new("vi-VN");

    public Task InvokeAsync(HttpContext context)
    {
        if (state.IsReady) return next(context);
        // Answered here: the rest of the pipeline (the site's culture, the modules' middleware) reads tables.
        if (context.Request.Path.Equals("/health/live", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync("Healthy");
        }
        if (context.Request.Path.Equals("/health/ready", StringComparison.OrdinalIgnoreCase)) return ReadinessAsync(context);
        return RefuseAsync(context);
    }

    private static async Task ReadinessAsync(HttpContext context)
    {
        var health = context.RequestServices.GetRequiredService<HealthCheckService>();
        var report = await health.CheckHealthAsync(c => c.Tags.Contains("ready"), context.RequestAborted);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.CacheControl = "no-store";
        await ReadinessHealthCheck.WriteAsync(context, report);
    }

    private async Task RefuseAsync(HttpContext context)
    {
        // The site's own language setting lives in the database: use the default one.
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = SiteDefault;
        string title, message;
        try
        {
            title = T["The site is starting"].Value;
            message = T["The site is starting up or under maintenance. Please try again in a few moments."].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
        var response = context.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            response.ContentType = "application/json; charset=utf-8";
            await response.WriteAsync(JsonSerializer.Serialize(new { status = 503, title, detail = message }));
            return;
        }
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title></head>" +
            $"<body><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(message)}</p></body></html>");
    }
}
