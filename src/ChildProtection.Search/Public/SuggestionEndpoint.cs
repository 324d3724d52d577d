using System.Text.Json;
using ChildProtection.Core.Limits;
using ChildProtection.Search.Querying;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Search.Public;

/// <summary>
/// <c>GET /tim-kiem/goi-y?q=…</c>: what the header's search box offers as one types, a JSON array of at most
/// <see cref="MaxItems"/> <c>{title, url}</c>, the first hits of the search page's own query (published, public
/// items only). Anything that is not a query worth answering (empty, one letter, longer than the search page
/// takes, no words) answers an empty array, never an error. Counted per client address through
/// <see cref="IRateCounter"/> (site-wide in scale-out mode); past the limit, 429 with a Vietnamese message.
/// Never cached (not by the browser either): a suggestion must not outlive its item's unpublication.
/// </summary>
internal static class SuggestionEndpoint
{
    public const int MaxItems = 8;
    /// <summary>Fewer letters than this suggest nothing: one letter matches half the site.</summary>
    public const int MinLength = 2;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task HandleAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var response = http.Response;
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Robots-Tag"] = "noindex";
        // A query not worth answering is answered at once and costs no allowance (nor a rate-counter round trip).
        var values = http.Request.Query[SearchRoutes.Query];
        if (!Answerable(values, out _))
        {
            await response.WriteAsJsonAsync(Array.Empty<Suggestion>(), Json, http.RequestAborted);
            return;
        }
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (!await services.GetRequiredService<SuggestionLimiter>().TryAcquireAsync(client, http.RequestAborted))
        {
            var T = services.GetRequiredService<IStringLocalizer<SearchText>>();
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = ((int)SuggestionLimiter.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await response.WriteAsJsonAsync(new { error = T["Too many suggestions were asked from here in a short time. Please wait a minute, or press Enter to search."].Value }, Json, http.RequestAborted);
            return;
        }
        await response.WriteAsJsonAsync(Suggest(services.GetRequiredService<SiteSearch>(), values), Json, http.RequestAborted);
    }

    internal static IReadOnlyList<Suggestion> Suggest(SiteSearch search, Microsoft.Extensions.Primitives.StringValues values)
        => Answerable(values, out var input) ? search.Suggest(input!, MaxItems) : [];

    private static bool Answerable(Microsoft.Extensions.Primitives.StringValues values, out SearchInput? input)
    {
        input = null;
        if (values.Count != 1 || values[0] is not { } raw || raw.Length > SearchInput.MaxLength) return false;
        input = SearchInput.Parse(raw);
        return !(input.IsEmpty || input.Truncated || input.Text.Length < MinLength);
    }
}

/// <summary>
/// How many suggestions one address may ask for in a minute (<c>Search:SuggestionsPerAddressPerMinute</c>,
/// default 600: a class of pupils typing behind one school address stays under it; a script looping does not).
/// </summary>
internal sealed class SuggestionLimiter(IRateCounter counter, IConfiguration configuration)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly int limit = Math.Max(1, configuration.GetValue("Search:SuggestionsPerAddressPerMinute", 600));

    public async Task<bool> TryAcquireAsync(string clientKey, CancellationToken cancellationToken = default) =>
        await counter.IncrementAsync($"suggestions:address:{clientKey}", Window, cancellationToken) <= limit;
}
