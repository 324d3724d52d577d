using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace ChildProtection.Web.Tests;

/// <summary>
/// HTTPS: cookies marked Secure over HTTPS, and with <c>App:RequireHttps</c> a redirect from plain HTTP
/// (except <c>/health</c>), Secure cookies always and an HSTS header shaped by configuration. The setup
/// screen is enough: it writes the antiforgery cookie, and no site has to be set up.
/// </summary>
public sealed class TransportSecurityTests
{
    private static HttpClient Client(SiteFactory factory, string baseAddress) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), AllowAutoRedirect = false, HandleCookies = false });

    private static string AntiforgeryCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Single(c => c.StartsWith("cp.af=", StringComparison.Ordinal)) : throw new Xunit.Sdk.XunitException("no cookie was set");

    [Fact]
    public async Task The_antiforgery_cookie_is_secure_over_https_and_not_over_http()
    {
        using var factory = new SiteFactory();
        using var https = Client(factory, "https://localhost");
        var secure = await https.GetAsync("/setup");
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.Contains("secure", AntiforgeryCookie(secure).ToLowerInvariant());

        // Without App:RequireHttps plain HTTP still works (a first run on localhost), and a Secure cookie would be lost there.
        using var http = Client(factory, "http://localhost");
        var plain = await http.GetAsync("/setup");
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.DoesNotContain("secure", AntiforgeryCookie(plain).ToLowerInvariant());
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"), "no HSTS in Development unless HTTPS is required");
    }

    [Fact]
    public async Task Requiring_https_redirects_plain_http_but_not_the_health_checks()
    {
        using var factory = new SiteFactory { Settings = { ["App:RequireHttps"] = "true" } };
        using var http = Client(factory, "http://cp.example.org:8080");
        var redirected = await http.GetAsync("/tin-tuc?trang=2");
        Assert.Equal(HttpStatusCode.PermanentRedirect, redirected.StatusCode);
        Assert.Equal("https://cp.example.org/tin-tuc?trang=2", redirected.Headers.Location!.OriginalString);
        var posted = await http.PostAsync("/login", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.PermanentRedirect, posted.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        var ready = await http.GetAsync("/health/ready");
        Assert.NotEqual(HttpStatusCode.PermanentRedirect, ready.StatusCode);
    }

    [Fact]
    public async Task Requiring_https_sends_hsts_as_configured_and_secure_cookies()
    {
        using var factory = new SiteFactory
        {
            Settings = { ["App:RequireHttps"] = "true", ["App:HstsIncludeSubDomains"] = "true", ["App:HstsMaxAgeDays"] = "180" },
        };
        using var https = Client(factory, "https://cp.example.org");
        var response = await https.GetAsync("/setup");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=15552000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.Contains("secure", AntiforgeryCookie(response).ToLowerInvariant());
    }

    [Fact]
    public async Task Hsts_leaves_out_subdomains_unless_asked()
    {
        using var factory = new SiteFactory { Settings = { ["App:RequireHttps"] = "true" } };
        using var https = Client(factory, "https://cp.example.org");
        var response = await https.GetAsync("/setup");
        Assert.Equal("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
    }
}
