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

    public async Task<string> GetStringAsync(string url)
    {
        var response = await http.GetAsync(url);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>GETs <paramref name="formPage"/> (default: the URL without its query) for the token, then posts the fields.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await GetStringAsync(formPage ?? url.Split('?')[0]);
        var token = TokenIn(page) ?? throw new InvalidOperationException($"No antiforgery token on {formPage ?? url}:\n{page[..Math.Min(500, page.Length)]}");
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
