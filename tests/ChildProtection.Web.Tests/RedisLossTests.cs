using System.Net;
using ChildProtection.Testing;
using Xunit;

namespace ChildProtection.Web.Tests;

/// <summary>
/// Redis lost under a running scale-out node: the node goes on serving pages (the output cache misses, the
/// eviction broadcast stays local), sign-in still works (the key ring was read at start and stays in memory,
/// the sign-in throttle counts on the node) and nothing answers 500.
/// </summary>
public sealed class RedisLossTests
{
    [ScaleOutFact]
    public async Task A_node_whose_Redis_goes_away_keeps_serving_pages_and_sign_in()
    {
        await using var database = await PostgresDatabase.CreateAsync("cp_redisloss");
        var redis = TestServices.Require(TestServices.RedisVariable, "Redis");
        var (host, port) = (redis.Split(':')[0], int.Parse(redis.Split(':')[1].Split(',')[0]));
        await using var proxy = new LoopbackProxy(host, port);
        proxy.Open();
        using var node = new SiteFactory { PostgresConnectionString = database.ConnectionString };
        node.Settings["ConnectionStrings:Redis"] = $"127.0.0.1:{proxy.Port},connectTimeout=1000,syncTimeout=1000,asyncTimeout=1000";
        node.Settings["Redis:Prefix"] = $"cp-test-{Guid.NewGuid():N}:";
        using (var admin = await node.SetUpAsync())
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/admin")).StatusCode);
        }
        using var visitor = node.CreateSiteClient();
        Assert.Equal(HttpStatusCode.OK, (await visitor.Http.GetAsync("/")).StatusCode);

        proxy.Cut();

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await visitor.Http.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.Http.GetAsync("/gioi-thieu")).StatusCode);
        using var staff = node.CreateSiteClient();
        await staff.SignInAsync(SiteFactory.AdminUser, SiteFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await staff.Http.GetAsync("/admin")).StatusCode);
        // A change made while Redis is away is seen on this node at once (its own cache is evicted locally).
        var created = await staff.PostFormAsync("/admin/content/new/Page?handler=Publish", new()
        {
            ["TitlePart.Title"] = "Thông báo khi mất Redis",
            ["RoutePart.Path"] = "mat-redis",
            ["BodyPart.Html"] = "<p>Vẫn phục vụ</p>",
        }, formPage: "/admin/content/new/Page");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("Vẫn phục vụ", await visitor.GetStringAsync("/mat-redis"));
    }
}
