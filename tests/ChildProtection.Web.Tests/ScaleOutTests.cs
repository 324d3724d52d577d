using System.Net;
using ChildProtection.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace ChildProtection.Web.Tests;

/// <summary>
/// Scale-out mode: two nodes on one PostgreSQL database and one Redis. A page cached on one node is
/// evicted there when the other node publishes a new version (the output-cache store is shared), and a
/// sign-in made on one node is honoured by the other (the data-protection key ring is shared).
/// </summary>
public sealed class ScaleOutTests
{
    [ScaleOutFact]
    public async Task A_publication_on_one_node_evicts_the_page_on_the_other_and_a_sign_in_holds_on_both()
    {
        await using var database = await PostgresDatabase.CreateAsync("cp_scale");
        var prefix = $"cp-test-{Guid.NewGuid():N}:";
        SiteFactory Node()
        {
            var node = new SiteFactory { PostgresConnectionString = database.ConnectionString };
            node.UseSharedRedis(prefix);
            return node;
        }
        using var nodeA = Node();
        using var admin = await nodeA.SetUpAsync();
        using var nodeB = Node();
        using var visitorB = nodeB.CreateSiteClient();

        var created = await admin.PostFormAsync("/admin/content/new/Page?handler=Publish", new()
        {
            ["TitlePart.Title"] = "Lịch trực đường dây nóng",
            ["RoutePart.Path"] = "lich-truc",
            ["BodyPart.Html"] = "<p>Tuần một</p>",
        }, formPage: "/admin/content/new/Page");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var editUrl = created.Headers.Location!.OriginalString;
        var first = await visitorB.Http.GetAsync("/lich-truc");
        Assert.Contains("Tuần một", await first.Content.ReadAsStringAsync());
        var again = await visitorB.Http.GetAsync("/lich-truc");
        Assert.NotNull(again.Headers.Age); // served from the shared cache

        // Node A publishes a new version of the same page.
        var republished = await admin.PostFormAsync(editUrl + "?handler=Publish", new()
        {
            ["TitlePart.Title"] = "Lịch trực đường dây nóng",
            ["RoutePart.Path"] = "lich-truc",
            ["BodyPart.Html"] = "<p>Tuần hai</p>",
        }, formPage: editUrl);
        Assert.Equal(HttpStatusCode.Redirect, republished.StatusCode);
        // Node B also kept the page's item in memory: it drops it when the eviction broadcast arrives through
        // Redis (milliseconds), and sweeps the shared page cache again in case it rendered from its old copy in
        // between. So B shows the new version as soon as the message is there.
        var freshHtml = "";
        for (var attempt = 0; attempt < 100 && !freshHtml.Contains("Tuần hai"); attempt++)
        {
            if (attempt > 0) await Task.Delay(100);
            freshHtml = await (await visitorB.Http.GetAsync("/lich-truc")).Content.ReadAsStringAsync();
        }
        Assert.Contains("Tuần hai", freshHtml);

        // Signed in on node A, the same cookie opens the admin on node B.
        using var rawA = nodeA.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var rawB = nodeB.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var login = await rawA.GetAsync("/login");
        var loginCookies = CookiesOf(login);
        var token = SiteClient.TokenIn(await login.Content.ReadAsStringAsync())!;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = SiteFactory.AdminUser, ["Password"] = SiteFactory.AdminPassword, ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", loginCookies);
        var signedIn = await rawA.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        using var onB = new HttpRequestMessage(HttpMethod.Get, "/admin");
        onB.Headers.Add("Cookie", CookiesOf(signedIn));
        var adminOnB = await rawB.SendAsync(onB);
        Assert.Equal(HttpStatusCode.OK, adminOnB.StatusCode);
    }

    private static string CookiesOf(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(c => c.Split(';')[0]) : []);
}
