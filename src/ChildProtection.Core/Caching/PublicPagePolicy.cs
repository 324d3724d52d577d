using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace ChildProtection.Core.Caching;

/// <summary>
/// The output-cache policy of public pages: anonymous GET and HEAD only (a signed-in editor always sees
/// the live page), one entry per address and query string and language, kept until what it shows changes
/// (tags) or <see cref="Lifetime"/> passes — the bound on anything derived from the clock, such as a
/// campaign turning from upcoming to running. A response that sets a cookie, is not a 200, says no-store or
/// private, or whose page called <see cref="PageCacheTags.DoNotCache"/> is not stored.
/// </summary>
internal sealed class PublicPagePolicy : IOutputCachePolicy
{
    public static readonly TimeSpan Lifetime = PageCacheTags.Lifetime;

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var attempt = (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            && http.User.Identity?.IsAuthenticated != true
            && !http.Request.Headers.ContainsKey(HeaderNames.Authorization)
            // Middleware in front may already know the request must be rendered fresh (the pages benchmark's
            // uncached side does this; no request header from outside can).
            && http.RequestServices.GetService<PageCacheTags>()?.Uncacheable != true;
        context.EnableOutputCaching = true;
        // A request filling this node's page store renders fresh: the store's copy then carries this render's tags
        // (an output-cache hit does not say which tags its entry has). One such render per address at a time.
        var fill = attempt ? PublicPageFill.Of(http) : null;
        fill?.BeginCapture(http);
        context.AllowCacheLookup = attempt && fill is null;
        context.AllowCacheStorage = attempt;
        // Many visitors asking for the same expired page at once: one renders it, the others wait for it.
        context.AllowLocking = true;
        context.CacheVaryByRules.QueryKeys = "*";
        // The language may come from a cookie or the query string as well as the site's setting.
        context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
        context.ResponseExpirationTimeSpan = Lifetime;
        context.Tags.Add(PageCacheTags.Site);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        var tags = context.HttpContext.RequestServices.GetService<PageCacheTags>();
        var cacheControl = response.Headers.CacheControl.ToString();
        if (response.StatusCode != StatusCodes.Status200OK
            || response.Headers.SetCookie.Count > 0
            || cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase)
            || cacheControl.Contains("private", StringComparison.OrdinalIgnoreCase)
            || tags is null || tags.Uncacheable)
        {
            context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
        // A page that changes by the clock before the usual lifetime ends is kept only until then.
        var lifetime = tags.LifetimeFrom(context.HttpContext.RequestServices.GetService<TimeProvider>()?.GetUtcNow() ?? DateTimeOffset.UtcNow);
        if (lifetime <= TimeSpan.Zero)
        {
            context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
        context.ResponseExpirationTimeSpan = lifetime;
        foreach (var tag in tags.Tags) context.Tags.Add(tag);
        if (context.AllowCacheStorage) PublicPageFill.Of(context.HttpContext)?.Storable(context.Tags, tags.ValidUntil);
        return ValueTask.CompletedTask;
    }
}
