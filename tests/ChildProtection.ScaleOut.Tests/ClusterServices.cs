using System.Net;

namespace ChildProtection.ScaleOut.Tests;

/// <summary>
/// What tools/test.sh starts for these tests besides PostgreSQL and Redis: HAProxy on loopback
/// (<c>CP_TEST_HAPROXY</c>, host:port of its frontend), the two loopback ports its backend sends to
/// (<c>CP_TEST_HAPROXY_NODES</c>, comma-separated; the tests start a site process on each) and its stats
/// page (<c>CP_TEST_HAPROXY_STATS</c>, to wait until HAProxy has seen a node come up or go down).
/// </summary>
public static class ClusterServices
{
    public const string HaproxyVariable = "CP_TEST_HAPROXY";
    public const string NodesVariable = "CP_TEST_HAPROXY_NODES";
    public const string StatsVariable = "CP_TEST_HAPROXY_STATS";

    public static Uri Frontend => new("http://" + TestServices.Require(HaproxyVariable, "HAProxy"));

    public static IReadOnlyList<IPEndPoint> Nodes =>
        TestServices.Require(NodesVariable, "HAProxy's node ports").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(IPEndPoint.Parse).ToList();

    public static Uri Stats => new("http://" + TestServices.Require(StatsVariable, "HAProxy's stats page") + "/stats;csv");
}

/// <summary>A fact that needs PostgreSQL, Redis and HAProxy; skipped without them unless services are required.</summary>
public sealed class ClusterFactAttribute : FactAttribute
{
    public ClusterFactAttribute() => Skip = TestServices.SkipReason(TestServices.PostgresVariable, "PostgreSQL")
        ?? TestServices.SkipReason(TestServices.RedisVariable, "Redis")
        ?? TestServices.SkipReason(ClusterServices.HaproxyVariable, "HAProxy");
}
