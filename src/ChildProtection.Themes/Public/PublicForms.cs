using System.Text.Json;
using ChildProtection.Core.Caching;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Themes.Public;

/// <summary>How a public form's post stands before anything of it is used.</summary>
public enum PublicFormCheck
{
    /// <summary>Sent from our own page with a valid antiforgery token: go ahead.</summary>
    Valid,
    /// <summary>No valid token (JavaScript off, the token request failed, a page left open past its cookie): ask to press the button once more.</summary>
    Unconfirmed,
    /// <summary>The browser says another site sent it: a forged post. Nothing of it is kept.</summary>
    CrossSite,
}

/// <summary>
/// Antiforgery for public forms on pages the output cache shares between visitors (an event's registration
/// form, children's questions before a forum). One seam for every module:
/// <list type="bullet">
/// <item>The cached page carries no token: its forms say <c>data-antiforgery="{TokenRoute}"</c> and the page
/// loads <c>public-forms.js</c> (a static file; the CSP allows no inline script). When the form is first
/// focused or sent, the script asks <see cref="TokenRoute"/> for a token (which also sets the antiforgery
/// cookie) and adds it as a hidden field before the form goes.</item>
/// <item>A post without a valid token is not lost: the module answers <see cref="Unconfirmed"/> with an
/// uncached page showing the same form with what was typed, a token inline and <see cref="Explain"/>'s
/// "press the button once more". So the form works without JavaScript, in two presses.</item>
/// </list>
/// Threat model. An attacker's page can make a visitor's browser send a GET to the token endpoint or a POST to a
/// form, but cannot read either answer: the token endpoint sends no CORS header, answers JSON with nosniff (not
/// includable as a script) and <c>no-store</c>, so only a same-origin script — ours — reads the token. A forged
/// POST carries no token (the attacker cannot know the visitor's), so nothing is written; at most it earns a
/// page on our origin asking the visitor to confirm — and not even that: a POST the browser marks as sent
/// from another site (<c>Sec-Fetch-Site: cross-site|same-site</c>, or, from a browser that does not send it, a
/// foreign <c>Origin</c>) is <see cref="CrossSite"/> and gets the form back empty, so an attacker cannot
/// pre-fill our form for the visitor to confirm; frame-ancestors 'none' stops it being framed for a click.
/// The same check refuses the token endpoint to other sites (second layer; reading was already impossible).
/// The antiforgery cookie is SameSite=Strict, so it never rides along on a cross-site request either, and
/// the token pair is bound to the signed-in user when there is one. "same-site" counts as foreign because a
/// sibling sub-domain (another tenant's site) could otherwise plant its own cookie-and-token pair.
/// </summary>
public static class PublicForms
{
    /// <summary>The small uncached request the script makes for a token (JSON: <c>{"field": …, "token": …}</c>).</summary>
    public const string TokenRoute = "/bieu-mau/ma-xac-thuc";

    /// <summary>The script, served from this module's static files (<c>wwwroot/js/public-forms.js</c>).</summary>
    public const string ScriptPath = "/_content/ChildProtection.Themes/js/public-forms.js";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapMethods(TokenRoute, [HttpMethods.Get], TokenAsync).WithDisplayName("Public form token");

    /// <summary>A token for the caller's own use. Never cached by anyone, refused to other sites.</summary>
    internal static async Task TokenAsync(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        var fetchSite = http.Request.Headers["Sec-Fetch-Site"].ToString();
        if ((fetchSite.Length > 0 && fetchSite != "same-origin") || (fetchSite.Length == 0 && ForeignOrigin(http.Request)))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        // GetAndStoreTokens may have set its own no-cache headers: ours is stricter.
        http.Response.Headers.CacheControl = "no-store";
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["field"] = tokens.FormFieldName, ["token"] = tokens.RequestToken,
        }), http.RequestAborted);
    }

    /// <summary>
    /// What the template needs for a form on a page: the token endpoint, the script and the field's name; on a
    /// page that is never shared (<paramref name="withToken"/>: an answer to a post), the token itself, inline,
    /// so the next press works without JavaScript. A page with a token is marked private (no shared cache).
    /// </summary>
    public static Dictionary<string, object?> ForPage(HttpContext http, bool withToken)
    {
        var services = http.RequestServices;
        var antiforgery = services.GetRequiredService<IAntiforgery>();
        string? value = null;
        string name;
        if (withToken)
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            http.Response.Headers.CacheControl = "private, no-store";
            services.GetService<PageCacheTags>()?.DoNotCache();
            (name, value) = (tokens.FormFieldName, tokens.RequestToken);
        }
        else name = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AntiforgeryOptions>>().Value.FormFieldName;
        var versions = services.GetService<IFileVersionProvider>();
        return new()
        {
            ["Name"] = name,
            ["Value"] = value,
            ["TokenUrl"] = http.Request.PathBase + TokenRoute,
            ["ScriptUrl"] = versions?.AddFileVersionToPath(http.Request.PathBase, ScriptPath) ?? http.Request.PathBase + ScriptPath,
        };
    }

    /// <summary>Whether a post may be used: sent from our page with a valid token, unconfirmed, or from another site.</summary>
    public static async Task<PublicFormCheck> CheckAsync(HttpContext http)
    {
        if (CrossSite(http.Request)) return PublicFormCheck.CrossSite;
        if (!http.Request.HasFormContentType) return PublicFormCheck.Unconfirmed;
        return await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http)
            ? PublicFormCheck.Valid : PublicFormCheck.Unconfirmed;
    }

    /// <summary>The form's fields as typed, for an unconfirmed post to show again (none for a cross-site one or an unreadable body).</summary>
    public static async Task<IFormCollection> TypedValuesAsync(HttpContext http, PublicFormCheck check)
    {
        if (check == PublicFormCheck.CrossSite || !http.Request.HasFormContentType) return FormCollection.Empty;
        try
        {
            return await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return FormCollection.Empty;
        }
    }

    /// <summary>The page's status for a post that was not used: 400 to confirm, 403 for another site's.</summary>
    public static int StatusFor(PublicFormCheck check) =>
        check == PublicFormCheck.CrossSite ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;

    /// <summary>The Vietnamese explanation shown above the form; <paramref name="button"/> is the form's button as the visitor sees it ("Gửi").</summary>
    public static string Explain(HttpContext http, PublicFormCheck check, string button)
    {
        var T = http.RequestServices.GetRequiredService<IStringLocalizer<ThemesText>>();
        return check == PublicFormCheck.CrossSite
            ? T["This form was sent from another website, so nothing was recorded. If you do want to send it, fill it in below and press “{0}”.", button]
            : T["Please press “{0}” once more to confirm. The site could not yet check that the form was sent from this page (JavaScript may be turned off, or the page was open a long time). Nothing has been recorded yet; what you typed is kept below.", button];
    }

    private static bool CrossSite(HttpRequest request)
    {
        // Sent by every current browser and never settable by a page: the strongest signal when present.
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0) return fetchSite is "cross-site" or "same-site";
        return ForeignOrigin(request);
    }

    /// <summary>An Origin header naming another host (or port). "null" and no Origin are not proof of anything: the token decides.</summary>
    private static bool ForeignOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || origin == "null") return false;
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)) return true;
        // The host only, and the port when the request named one: behind a proxy that ends TLS the scheme we see may differ.
        if (!string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)) return true;
        return request.Host.Port is { } port && uri.Port != port;
    }
}
