using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// HTTPS for the whole site, from configuration (read when first needed: test hosts add theirs late):
/// <list type="bullet">
/// <item><c>App:RequireHttps</c> — plain-HTTP requests are redirected (308) to the same address over
/// HTTPS, every cookie is <c>Secure</c> even if a request arrives over HTTP, and HSTS is sent in every
/// environment. <c>/health/*</c> still answers over HTTP: a load balancer checks nodes on their plain
/// port and the answer carries nothing about any user.</item>
/// <item>Without it, a cookie is <c>Secure</c> whenever the request came over HTTPS (the antiforgery
/// cookie was not), and HSTS is sent outside Development only.</item>
/// <item><c>App:HstsMaxAgeDays</c> (365) and <c>App:HstsIncludeSubDomains</c> (false) shape the HSTS header.</item>
/// </list>
/// The host reads the scheme of the connection (Kestrel, or IIS in-process); it does not trust
/// <c>X-Forwarded-Proto</c>. Behind a proxy that ends TLS, let the proxy redirect and leave RequireHttps off
/// there — or on, for Secure cookies, if the proxy talks HTTPS to the node.
/// </summary>
public sealed record TransportSecurity(bool RequireHttps, int HstsMaxAgeDays, bool HstsIncludeSubDomains)
{
    public static TransportSecurity From(IConfiguration configuration) => new(
        configuration.GetValue("App:RequireHttps", false),
        Math.Clamp(configuration.GetValue("App:HstsMaxAgeDays", 365), 0, 3650),
        configuration.GetValue("App:HstsIncludeSubDomains", false));

    public static void AddServices(IServiceCollection services)
    {
        services.AddSingleton(sp => From(sp.GetRequiredService<IConfiguration>()));
        // One place for every cookie the site writes (sign-in, antiforgery, two-factor, culture …).
        services.AddOptions<CookiePolicyOptions>().Configure<TransportSecurity>((o, t) =>
        {
            o.Secure = t.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.MinimumSameSitePolicy = SameSiteMode.Unspecified;
            o.HttpOnly = HttpOnlyPolicy.None;
        });
        services.AddOptions<HstsOptions>().Configure<TransportSecurity>((o, t) =>
        {
            o.MaxAge = TimeSpan.FromDays(t.HstsMaxAgeDays);
            o.IncludeSubDomains = t.HstsIncludeSubDomains;
        });
    }

    /// <summary>Before anything that writes a cookie or a page.</summary>
    public static void UseTransportSecurity(WebApplication app)
    {
        var transport = app.Services.GetRequiredService<TransportSecurity>();
        if (transport.RequireHttps) app.UseMiddleware<HttpsRedirection>();
        if (transport.RequireHttps || !app.Environment.IsDevelopment()) app.UseHsts();
        app.UseCookiePolicy();
    }
}

/// <summary>Plain HTTP to HTTPS, same host (without a plain-HTTP port), path and query; <c>/health</c> stays on HTTP.</summary>
internal sealed class HttpsRedirection(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.IsHttps || request.Path.StartsWithSegments("/health")) return next(context);
        // An explicit port belongs to the plain-HTTP listener; HTTPS is expected on its default port.
        var host = new HostString(request.Host.Host);
        context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        context.Response.Headers.Location = UriHelper.BuildAbsolute("https", host, request.PathBase, request.Path, request.QueryString);
        return Task.CompletedTask;
    }
}
