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
            if (WebUtility.HtmlDecode(form.Groups["action"].Value) != url) continue;
            return TokenIn(form.Value) ?? throw new InvalidOperationException($"The form posting to {url} carries no antiforgery token: a browser's post would be refused.");
        }
        return TokenIn(html);
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
        var token = TokenFor(page, url) ?? throw new InvalidOperationException($"No antiforgery token on {formPage ?? url}:\n{page[..Math.Min(500, page.Length)]}");
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
