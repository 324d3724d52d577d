using System.Net;
using ChildProtection.Core.Limits;
using ChildProtection.Testing;
using ChildProtection.Web.Hosting;
using Microsoft.Extensions.Logging;
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

    [Fact]
    public async Task Rate_limits_fall_back_to_counting_on_the_node_with_one_warning_per_outage()
    {
        await using var closed = new LoopbackProxy("127.0.0.1", 1); // never opened: refuses like a Redis that is down
        using var connection = new RedisConnection($"127.0.0.1:{closed.Port},connectTimeout=300,asyncTimeout=300,syncTimeout=300,abortConnect=false");
        var log = new CapturingLogger<RedisRateCounter>();
        var counter = new RedisRateCounter(connection, "cp-test:", new MemoryRateCounter(TimeProvider.System), log);

        var counts = new List<long>();
        for (var i = 0; i < 5; i++) counts.Add(await counter.IncrementAsync("signin:203.0.113.9", TimeSpan.FromMinutes(15)));
        Assert.Equal(5, await counter.GetAsync("signin:203.0.113.9"));

        // Each node still limits, counting in its own memory.
        Assert.Equal([1L, 2L, 3L, 4L, 5L], counts);
        Assert.Single(log.Entries, e => e.Level == LogLevel.Warning);
    }

    private sealed class CapturingLogger<T> : ILogger<T>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries) Entries.Add((logLevel, formatter(state, exception)));
        }
    }
}
