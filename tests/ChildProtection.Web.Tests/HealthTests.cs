using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace ChildProtection.Web.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Live_and_ready_answer_before_setup()
    {
        using var factory = new SiteFactory();
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        var body = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Equal("ready", body["checks"]!["database"]!.GetValue<string>());
        Assert.True(body["checks"]!["jobs"] is not null);
    }
}
