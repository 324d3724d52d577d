using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ChildProtection.Core.Caching;

/// <summary>
/// Serves anonymous GET/HEAD requests from <see cref="PublicPageStore"/> at the front of the pipeline, and fills
/// it from the render the output cache stores. Only a request that provably comes from nobody signed in is
/// answered here: no <c>Authorization</c> header and no cookie except the ones the host names as harmless
/// (<see cref="PublicPageStoreOptions.AnonymousCookies"/>: the antiforgery cookie). The sign-in cookie, a
/// language cookie or any cookie this does not know sends the request down the ordinary path, where the output
/// cache decides as before; so does a conditional request (<c>If-None-Match</c>, <c>If-Modified-Since</c>). The
/// language otherwise comes from the query string (part of the key) or the site's setting (a change evicts every
/// page), so the key needs no culture of its own.
/// </summary>
public sealed class PublicPageStoreMiddleware(RequestDelegate next, PublicPageStore store, PublicPageStoreOptions options)
{
    private static readonly string[] AgeValues = Enumerable.Range(0, 601).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        if (!(isGet || HttpMethods.IsHead(request.Method)) || !IsAnonymous(request.Headers) || context.Items.ContainsKey(PublicPageFill.RenderFreshKey))
            return next(context);
        var key = KeyOf(request);
        if (store.TryGet(key, out var page)) return WriteAsync(context, page, isGet);
        if (!isGet || !store.TryBeginFill(key)) return next(context);
        return FillAsync(context, key);
    }

    private bool IsAnonymous(IHeaderDictionary headers)
    {
        if (headers.ContainsKey(HeaderNames.Authorization) || headers.ContainsKey(HeaderNames.IfNoneMatch) || headers.ContainsKey(HeaderNames.IfModifiedSince))
            return false;
        var cookies = headers.Cookie;
        if (cookies.Count == 0) return true;
        foreach (var header in cookies)
        {
            foreach (var part in (header ?? "").Split(';'))
            {
                var eq = part.IndexOf('=');
                var name = (eq < 0 ? part : part[..eq]).Trim();
                if (name.Length > 0 && !options.AnonymousCookies.Contains(name)) return false;
            }
        }
        return true;
    }

    internal static string KeyOf(HttpRequest request) =>
        string.Concat(request.Scheme, "://", request.Host.Value, request.PathBase.Value, request.Path.Value, request.QueryString.Value);

    private Task WriteAsync(HttpContext context, StoredPage page, bool withBody)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        var headers = response.Headers;
        foreach (var (name, value) in page.Headers) headers[name] = value;
        var age = (long)Math.Max(0, (store.Now - page.Created).TotalSeconds);
        headers.Age = age < AgeValues.Length ? AgeValues[age] : age.ToString(CultureInfo.InvariantCulture);
        response.ContentLength = page.Body.Length;
        return withBody ? response.Body.WriteAsync(page.Body, context.RequestAborted).AsTask() : Task.CompletedTask;
    }

    private async Task FillAsync(HttpContext context, string key)
    {
        var fill = new PublicPageFill(store.Generation);
        context.Items[PublicPageFill.ItemKey] = fill;
        var original = context.Features.Get<IHttpResponseBodyFeature>()!;
        try
        {
            await next(context);
            // Whatever went through the wrapper's own writer reaches the response before it is taken away.
            if (fill.Wrapper is not null) await fill.Wrapper.CompleteAsync();
            if (fill.Capture is { } capture && fill.Tags is { } tags && !capture.Overflowed
                && context.Response.StatusCode == StatusCodes.Status200OK && context.Response.Headers.SetCookie.Count == 0
                && !context.RequestAborted.IsCancellationRequested)
            {
                var page = new StoredPage(store.Now, context.Response.ContentType, KeepHeaders(context.Response.Headers), capture.ToArray());
                store.Add(key, page, tags, fill.StartedAt, fill.ValidUntil);
            }
        }
        finally
        {
            if (fill.Capture is not null) context.Features.Set(original);
            store.EndFill(key);
        }
    }

    private static KeyValuePair<string, StringValues>[] KeepHeaders(IHeaderDictionary headers) =>
        headers.Where(h => !PerResponse.Contains(h.Key)).ToArray();

    /// <summary>Written fresh for each response (by Kestrel or by <see cref="WriteAsync"/>), never replayed.</summary>
    private static readonly HashSet<string> PerResponse = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Date, HeaderNames.Age, HeaderNames.ContentLength, HeaderNames.TransferEncoding, HeaderNames.Server,
        HeaderNames.Connection, HeaderNames.KeepAlive, HeaderNames.SetCookie,
    };
}

/// <summary>What the host tells the page store.</summary>
public sealed class PublicPageStoreOptions
{
    /// <summary>Cookies an anonymous visitor may carry and still be served a stored page (names, exact).</summary>
    public HashSet<string> AnonymousCookies { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// One request filling <see cref="PublicPageStore"/>: the public-page policy (<see cref="PublicPagePolicy"/>) starts
/// the capture when the endpoint is a public page, renders it fresh (no output-cache lookup: the copy kept here
/// gets this render's tags) and hands over the tags once it knows the response may be stored.
/// </summary>
public sealed class PublicPageFill(long startedAt)
{
    internal const string ItemKey = "cp.page-store.fill";

    /// <summary>Items key: the request must be rendered fresh and kept nowhere (the pages benchmark's uncached side).</summary>
    public const string RenderFreshKey = "cp.page-store.render-fresh";

    /// <summary>Marks a request as rendered fresh, before it reaches the page store (middleware in front of the site).</summary>
    public static void RenderFresh(HttpContext context) => context.Items[RenderFreshKey] = true;

    public long StartedAt { get; } = startedAt;
    internal CapturingBody? Capture { get; private set; }
    internal StreamResponseBodyFeature? Wrapper { get; private set; }
    internal IReadOnlyCollection<string>? Tags { get; private set; }

    internal static PublicPageFill? Of(HttpContext context) => context.Items.TryGetValue(ItemKey, out var value) ? value as PublicPageFill : null;

    internal void BeginCapture(HttpContext context)
    {
        if (Capture is not null) return;
        var inner = context.Features.Get<IHttpResponseBodyFeature>()!;
        Capture = new CapturingBody(inner.Stream, PublicPageStore.MaximumBodyBytes);
        Wrapper = new StreamResponseBodyFeature(Capture, inner);
        context.Features.Set<IHttpResponseBodyFeature>(Wrapper);
    }

    internal DateTimeOffset? ValidUntil { get; private set; }

    internal void Storable(IEnumerable<string> tags, DateTimeOffset? validUntil)
    {
        Tags = tags.ToArray();
        ValidUntil = validUntil;
    }
}
