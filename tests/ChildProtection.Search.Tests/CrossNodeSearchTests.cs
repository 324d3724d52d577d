using System.Net;
using ChildProtection.Search.Indexing;
using ChildProtection.Web.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Search.Tests;

/// <summary>
/// Scale-out mode: nodes on one PostgreSQL database and one Redis, each with its own data folder (its own
/// Lucene index), kept in step by the content change log.
/// </summary>
public sealed class CrossNodeSearchTests
{
    /// <summary>The budget for a change on one node to be seen by search on every other.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    [ScaleOutFact]
    public async Task A_publication_on_one_node_is_found_on_the_other_an_unpublication_is_gone_and_late_nodes_catch_up()
    {
        await using var database = await PostgresDatabase.CreateAsync("cp_search");
        var prefix = $"cp-test-{Guid.NewGuid():N}:";
        using var folderB = new TempFolder("cp-node-b");
        SiteFactory Node(string? dataPath = null)
        {
            var node = new SiteFactory { PostgresConnectionString = database.ConnectionString };
            node.UseSharedRedis(prefix);
            node.Settings["Jobs:RunServer"] = "false";
            if (dataPath is not null) node.Settings["App:DataPath"] = dataPath;
            return node;
        }
        using var nodeA = Node();
        using var admin = await nodeA.SetUpAsync();
        string editUrl;
        using (var nodeB = Node(folderB.Path))
        {
            using var visitorB = nodeB.CreateSiteClient();
            Assert.Equal(HttpStatusCode.OK, (await visitorB.Http.GetAsync(SearchSite.Search("bơi"))).StatusCode);

            var created = await admin.PostFormAsync("/admin/content/new/Article?handler=Publish", new()
            {
                ["TitlePart.Title"] = "Ngày hội bơi an toàn cho thiếu nhi",
                ["RoutePart.Path"] = "ngay-hoi-boi-an-toan",
                ["BodyPart.Html"] = "<p>Đăng ký tại nhà văn hoá phường</p>",
            }, formPage: "/admin/content/new/Article");
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            editUrl = created.Headers.Location!.OriginalString;
            Assert.True(await FoundWithinAsync(visitorB, "boi an toan", "ngay-hoi-boi-an-toan", true, Budget), "published on A, not found on B within 5 s");

            var unpublished = await admin.PostFormAsync(editUrl + "?handler=Unpublish", new(), formPage: editUrl);
            Assert.Equal(HttpStatusCode.Redirect, unpublished.StatusCode);
            Assert.True(await FoundWithinAsync(visitorB, "boi an toan", "ngay-hoi-boi-an-toan", false, Budget), "unpublished on A, still found on B after 5 s");
        }

        // B is down while A publishes; when it starts again it applies the log from the position its index kept.
        var republished = await admin.PostFormAsync(editUrl + "?handler=Publish", new()
        {
            ["TitlePart.Title"] = "Ngày hội bơi an toàn cho thiếu nhi",
            ["RoutePart.Path"] = "ngay-hoi-boi-an-toan",
            ["BodyPart.Html"] = "<p>Đăng ký tại nhà văn hoá phường</p>",
        }, formPage: editUrl);
        Assert.Equal(HttpStatusCode.Redirect, republished.StatusCode);
        using (var againB = Node(folderB.Path))
        {
            using var visitor = againB.CreateSiteClient();
            Assert.True(await FoundWithinAsync(visitor, "bơi an toàn", "ngay-hoi-boi-an-toan", true, TimeSpan.FromSeconds(30)));
            // Caught up from its position, not rebuilt from the database.
            Assert.Null(againB.Services.GetRequiredService<IndexRebuild>().Status.StartedBy);
        }

        // A new node (no index at all) builds its index from the database.
        using var nodeC = Node();
        using var visitorC = nodeC.CreateSiteClient();
        Assert.True(await FoundWithinAsync(visitorC, "boi an toan", "ngay-hoi-boi-an-toan", true, TimeSpan.FromSeconds(30)));
        Assert.Equal("start-up", nodeC.Services.GetRequiredService<IndexRebuild>().Status.StartedBy);
    }

    private static async Task<bool> FoundWithinAsync(SiteClient client, string query, string path, bool found, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var html = await client.GetStringAsync(SearchSite.Search(query));
            if (html.Contains($"href=\"/{path}\"") == found) return true;
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(100);
        }
    }
}
