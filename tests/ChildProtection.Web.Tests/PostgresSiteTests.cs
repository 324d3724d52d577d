using System.Net;
using System.Text.Json.Nodes;
using ChildProtection.Testing;
using Xunit;

namespace ChildProtection.Web.Tests;

/// <summary>The whole site on PostgreSQL (scale-out mode): every module's migrations, Hangfire's PostgreSQL storage, setup, publish, read.</summary>
public sealed class PostgresSiteTests
{
    [PostgresFact]
    public async Task The_site_sets_up_publishes_and_serves_on_postgresql()
    {
        await using var database = await PostgresDatabase.CreateAsync("cp_web");
        using var factory = new SiteFactory { PostgresConnectionString = database.ConnectionString };
        using var admin = await factory.SetUpAsync();

        var created = await admin.PostFormAsync("/admin/content/new/Page?handler=Publish", new()
        {
            ["TitlePart.Title"] = "Đường dây nóng 111 trên PostgreSQL",
            ["RoutePart.Path"] = "",
            ["BodyPart.Html"] = "<p>Gọi 111 — miễn phí, 24/7.</p>",
        }, formPage: "/admin/content/new/Page");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        using var anonymous = factory.CreateSiteClient();
        var html = await anonymous.GetStringAsync("/duong-day-nong-111-tren-postgresql");
        Assert.Contains("Đường dây nóng 111 trên PostgreSQL", html);
        var article = JsonNode.Parse(await anonymous.GetStringAsync("/api/content/article2869"))!;
        Assert.Equal("2869/UBND-LĐTBXH", article["OfficialDocumentPart"]!["NumberAndSymbol"]!.GetValue<string>());

        // The job server runs on PostgreSQL storage: readiness sees its heartbeat.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonNode ready;
        do
        {
            ready = JsonNode.Parse(await anonymous.GetStringAsync("/health/ready"))!;
            if (ready["checks"]!["jobs"]!.GetValue<string>() == "ready") break;
            await Task.Delay(500);
        } while (DateTime.UtcNow < deadline);
        Assert.Equal("ready", ready["checks"]!["database"]!.GetValue<string>());
        Assert.Equal("ready", ready["checks"]!["jobs"]!.GetValue<string>());
    }
}
