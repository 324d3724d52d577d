using System.Net;
using System.Text.Json.Nodes;
using ChildProtection.Core.Contents;
using ChildProtection.Testing;
using ChildProtection.Users.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace ChildProtection.Web.Tests;

/// <summary>
/// Scale-out mode: what a node keeps in memory follows a write made on another node within the issue's
/// 5-second budget, through the one eviction channel (Redis): a role's permissions and the main menu.
/// </summary>
public sealed class ScaleOutCacheTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    [ScaleOutFact]
    public async Task A_node_stops_cleanly_when_its_Redis_connection_went_first()
    {
        await using var database = await PostgresDatabase.CreateAsync("cp_stop");
        using var node = new SiteFactory { PostgresConnectionString = database.ConnectionString };
        node.UseSharedRedis($"cp-test-{Guid.NewGuid():N}:");
        node.Settings["Jobs:RunServer"] = "false";
        using (var visitor = node.CreateSiteClient()) await visitor.Http.GetAsync("/");
        var listener = node.HostedService<ChildProtection.Web.Hosting.RedisEvictionListener>();
        // The shutdown order seen in CI: the connection is disposed before the listener is stopped.
        node.Services.GetRequiredService<ChildProtection.Web.Hosting.RedisConnection>().Dispose();
        await listener.StopAsync(CancellationToken.None);
    }

    [ScaleOutFact]
    public async Task A_role_permission_change_and_a_menu_change_on_one_node_are_honoured_by_the_other()
    {
        await using var database = await PostgresDatabase.CreateAsync("cp_caches");
        var prefix = $"cp-test-{Guid.NewGuid():N}:";
        SiteFactory Node()
        {
            var node = new SiteFactory { PostgresConnectionString = database.ConnectionString };
            node.UseSharedRedis(prefix);
            node.Settings["Jobs:RunServer"] = "false";
            return node;
        }
        using var nodeA = Node();
        using var admin = await nodeA.SetUpAsync();
        using var nodeB = Node();
        await using (var scope = nodeA.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var user = new User { UserName = "bientap", Email = "bientap@example.org" };
            Assert.True((await users.CreateAsync(user, "Bien-tap-2025!")).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, "Editor")).Succeeded);
        }
        using var editorB = nodeB.CreateSiteClient();
        await editorB.SignInAsync("bientap", "Bien-tap-2025!");
        Assert.Equal(HttpStatusCode.OK, (await editorB.Http.GetAsync("/admin/content")).StatusCode);
        using var visitorB = nodeB.CreateSiteClient();
        Assert.Contains("Giới thiệu</a>", await visitorB.GetStringAsync("/"));

        // On A: the Editor role keeps only the admin panel (node B has the old permissions in memory).
        var roles = await admin.GetStringAsync("/admin/roles");
        var roleId = System.Text.RegularExpressions.Regex.Match(roles, "href=\"/admin/roles/([^\"]+)\"[^>]*>\\s*Editor").Groups[1].Value;
        Assert.NotEmpty(roleId);
        var saved = await admin.PostFormAsync($"/admin/roles/{roleId}?handler=Save", new()
        {
            ["Description"] = "Biên tập", ["Permissions"] = "AccessAdminPanel",
        }, formPage: $"/admin/roles/{roleId}");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.True(await WithinAsync(async () => (await editorB.Http.GetAsync("/admin/content")).StatusCode != HttpStatusCode.OK),
            "a permission taken away on A was still honoured on B after 5 s");

        // On A: a new main menu (node B has the old one in memory and the home page in the shared cache).
        await using (var scope = nodeA.Services.CreateAsyncScope())
        {
            var contents = scope.ServiceProvider.GetRequiredService<IContentManager>();
            var menu = (await contents.GetAsync("menumain", VersionOptions.Latest))!.CloneAsNewVersion();
            menu.Content["MenuPart"] = JsonNode.Parse("""{ "Alias": "main", "Items": [ { "Text": "Đường dây nóng 111", "Url": "/lien-he" } ] }""");
            Assert.True((await contents.SaveAsync(menu, new SaveOptions { Publish = true, User = SiteFactory.AdminUser })).Succeeded);
        }
        Assert.True(await WithinAsync(async () =>
        {
            var home = await visitorB.GetStringAsync("/");
            return home.Contains(">Đường dây nóng 111</a>") && !home.Contains(">Giới thiệu</a>");
        }), "a menu published on A was not shown on B after 5 s");
    }

    private static async Task<bool> WithinAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Budget;
        while (true)
        {
            if (await condition()) return true;
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(100);
        }
    }
}
