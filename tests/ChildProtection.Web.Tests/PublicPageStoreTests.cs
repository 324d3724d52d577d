using System.Net;
using ChildProtection.Core.Caching;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChildProtection.Web.Tests;

/// <summary>
/// The page store at the front of the pipeline: a stored page goes out with every header the first render had
/// (CSP, nosniff, framing, referrer, content type) plus <c>Age</c>; a visitor carrying the sign-in cookie is never
/// served it; a publication evicts it at once.
/// </summary>
public sealed class PublicPageStoreTests(SetUpSite site) : IClassFixture<SetUpSite>
{
    private static readonly string[] PerResponse = ["Date", "Age", "Content-Length"];

    private async Task<string> PublishPageAsync(string path, string body)
    {
        var created = await site.Admin.PostFormAsync("/admin/content/new/Page?handler=Publish", new()
        {
            ["TitlePart.Title"] = "Trang thử bộ nhớ đệm " + path,
            ["RoutePart.Path"] = path,
            ["BodyPart.Html"] = $"<p>{body}</p>",
        }, formPage: "/admin/content/new/Page");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return created.Headers.Location!.OriginalString;
    }

    private HttpClient Anonymous() => site.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private bool Stored(string path) => site.Factory.Services.GetRequiredService<PublicPageStore>().TryGet("http://localhost/" + path, out _);

    private static Dictionary<string, string> HeadersOf(HttpResponseMessage response) =>
        response.Headers.Concat(response.Content.Headers)
            .Where(h => !PerResponse.Contains(h.Key, StringComparer.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(", ", h.Value));

    [Fact]
    public async Task A_stored_page_carries_every_header_of_the_render_and_an_age()
    {
        await PublishPageAsync("kho-trang-tieu-de", "Tiêu đề");
        using var anonymous = Anonymous();
        var rendered = await anonymous.GetAsync("/kho-trang-tieu-de");
        Assert.Equal(HttpStatusCode.OK, rendered.StatusCode);
        Assert.Null(rendered.Headers.Age);
        Assert.True(Stored("kho-trang-tieu-de"), "the first anonymous render fills the page store");

        var hit = await anonymous.GetAsync("/kho-trang-tieu-de");
        Assert.NotNull(hit.Headers.Age);
        Assert.Equal(await rendered.Content.ReadAsStringAsync(), await hit.Content.ReadAsStringAsync());
        var expected = HeadersOf(rendered);
        Assert.Contains("content-security-policy", expected.Keys);
        Assert.Equal("nosniff", expected["x-content-type-options"]);
        Assert.Equal(expected, HeadersOf(hit));

        // HEAD is answered from the same copy, headers without the body.
        var head = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/kho-trang-tieu-de"));
        Assert.NotNull(head.Headers.Age);
        Assert.Equal(expected["content-security-policy"], string.Join(", ", head.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task A_signed_in_visitor_never_gets_the_stored_page()
    {
        await PublishPageAsync("kho-trang-dang-nhap", "Người đã đăng nhập");
        using var anonymous = Anonymous();
        await anonymous.GetAsync("/kho-trang-dang-nhap");
        Assert.NotNull((await anonymous.GetAsync("/kho-trang-dang-nhap")).Headers.Age);
        Assert.True(Stored("kho-trang-dang-nhap"));

        // The administrator's client carries the sign-in cookie: the live page, never a stored one.
        var signedIn = await site.Admin.Http.GetAsync("/kho-trang-dang-nhap");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Null(signedIn.Headers.Age);

        // The antiforgery cookie alone (a visitor who opened a form) is still served the stored page.
        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/kho-trang-dang-nhap");
        withToken.Headers.Add("Cookie", "cp.af=abc");
        Assert.NotNull((await anonymous.SendAsync(withToken)).Headers.Age);
    }

    [Fact]
    public async Task A_publication_evicts_the_stored_page_at_once()
    {
        var editUrl = await PublishPageAsync("kho-trang-xuat-ban", "Phiên bản một");
        using var anonymous = Anonymous();
        await anonymous.GetAsync("/kho-trang-xuat-ban");
        var hit = await anonymous.GetAsync("/kho-trang-xuat-ban");
        Assert.NotNull(hit.Headers.Age);
        Assert.Contains("Phiên bản một", await hit.Content.ReadAsStringAsync());

        var republished = await site.Admin.PostFormAsync(editUrl + "?handler=Publish", new()
        {
            ["TitlePart.Title"] = "Trang thử bộ nhớ đệm kho-trang-xuat-ban",
            ["RoutePart.Path"] = "kho-trang-xuat-ban",
            ["BodyPart.Html"] = "<p>Phiên bản hai</p>",
        }, formPage: editUrl);
        Assert.Equal(HttpStatusCode.Redirect, republished.StatusCode);
        Assert.False(Stored("kho-trang-xuat-ban"), "the publication evicts the stored copy");
        var fresh = await anonymous.GetAsync("/kho-trang-xuat-ban");
        Assert.Null(fresh.Headers.Age);
        Assert.Contains("Phiên bản hai", await fresh.Content.ReadAsStringAsync());

        // The language in the query string is part of the key: English is not served the Vietnamese copy.
        await anonymous.GetAsync("/kho-trang-xuat-ban");
        var english = await anonymous.GetAsync("/kho-trang-xuat-ban?culture=en-US");
        Assert.Null(english.Headers.Age);
        Assert.True(Stored("kho-trang-xuat-ban?culture=en-US"));
        Assert.True(Stored("kho-trang-xuat-ban"));
    }
}
