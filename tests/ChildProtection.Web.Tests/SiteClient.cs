using System.Net;
using System.Text.RegularExpressions;

namespace ChildProtection.Web.Tests;

/// <summary>An HttpClient that fills forms as a browser does: it reads the antiforgery token from the page first.</summary>
public sealed partial class SiteClient(HttpClient http) : IDisposable
{
    public HttpClient Http => http;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    public static string? TokenIn(string html) => TokenField().Match(html) is { Success: true } m ? m.Groups[1].Value : null;

    // A <form> element with its action. Forms do not nest in HTML, so the lazy match ends at its own </form>.
    [GeneratedRegex("<form\\b[^>]*\\baction=\"(?<action>[^\"]*)\"[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormElement();

    /// <summary>
    /// The token a browser would send to <paramref name="url"/>: the one inside the form that posts there when the
    /// page has such a form (a form with an explicit action gets no token unless asked for, and a token from another
    /// form on the page — the layout's sign-out, say — would hide that); otherwise the page's first token.
    /// </summary>
    public static string? TokenFor(string html, string url)
    {
        foreach (Match form in FormElement().Matches(html))
        {
            if (ActionOf(form) != url) continue;
            return TokenIn(form.Value) ?? throw new InvalidOperationException($"The form posting to {url} carries no antiforgery token: a browser's post would be refused.");
        }
        return TokenIn(html);
    }

    // A public form on a cached page: no token inline, the page's script fetches one from this address (PublicForms).
    [GeneratedRegex("data-antiforgery=\"([^\"]+)\"")]
    private static partial Regex TokenSource();

    /// <summary>The form's action as the browser posts it (a fragment never reaches the server).</summary>
    private static string ActionOf(Match form) => WebUtility.HtmlDecode(form.Groups["action"].Value).Split('#')[0];

    /// <summary>
    /// As <see cref="TokenFor"/>, and for a form on a cached page without a token inline does what its script
    /// (public-forms.js) does: asks the form's token address for one, with this client's cookies.
    /// </summary>
    public async Task<string?> TokenForAsync(string html, string url)
    {
        foreach (Match form in FormElement().Matches(html))
        {
            if (ActionOf(form) != url || TokenIn(form.Value) is not null) continue;
            if (TokenSource().Match(form.Value) is { Success: true } source) return await FetchFormTokenAsync(WebUtility.HtmlDecode(source.Groups[1].Value));
        }
        // No form posts there (a script, or a form left open from an earlier page): any token the page's forms would use.
        if (TokenFor(html, url) is { } inline) return inline;
        return TokenSource().Match(html) is { Success: true } any ? await FetchFormTokenAsync(WebUtility.HtmlDecode(any.Groups[1].Value)) : null;
    }

    /// <summary>A token from the public form token endpoint, as public-forms.js asks for it.</summary>
    public async Task<string> FetchFormTokenAsync(string tokenUrl = "/bieu-mau/ma-xac-thuc")
    {
        using var response = await http.GetAsync(tokenUrl);
        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("token").GetString() ?? throw new InvalidOperationException("the token endpoint answered no token");
    }

    public async Task<string> GetStringAsync(string url)
    {
        var response = await http.GetAsync(url);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>GETs <paramref name="formPage"/> (default: the URL without its query) for the token, then posts the fields.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await GetStringAsync(formPage ?? url.Split('?')[0]);
        var token = await TokenForAsync(page, url) ?? throw new InvalidOperationException($"No antiforgery token on {formPage ?? url}:\n{page[..Math.Min(500, page.Length)]}");
        var body = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        return await http.PostAsync(url, new FormUrlEncodedContent(body));
    }

    public async Task SignInAsync(string user, string password)
    {
        var response = await PostFormAsync("/login", new() { ["UserName"] = user, ["Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in answered {(int)response.StatusCode}");
    }

    public void Dispose() => http.Dispose();
}
