using ChildProtection.Notices.Data;
using ChildProtection.Notices.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ChildProtection.Notices.Tests;

/// <summary>
/// A notice whose recipients are mostly at one small school mail server (hanoi.edu.vn: one connection,
/// 120 messages a minute) and partly elsewhere, sent by four lanes — on one node (SQLite) and on two nodes
/// sharing one PostgreSQL database. The loopback server sees at most one message at a time for the limited
/// domain, never more of them in a window than the rate allows, the other domains' mail not held back to
/// that pace, and every recipient mailed once; the deferred rows count as neither attempts nor failures.
/// </summary>
[Collection(DeliveryCollection.Name)]
public sealed class DomainLimitDeliveryTests(ITestOutputHelper output)
{
    private const string Limited = "hanoi.edu.vn";
    private const int LimitedCount = 60, OtherCount = 40, PerMinute = 120;

    [Fact]
    public async Task One_node_keeps_the_limited_domain_to_one_connection_and_its_rate()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        using var site = new DeliverySiteFactory();
        (await site.SetUpAsync()).Dispose();
        await RunAsync(server, site, site);
    }

    [ScaleOutFact]
    public async Task Two_nodes_on_one_database_share_the_limits()
    {
        await using var database = await PostgresDatabase.CreateAsync("cp_domain_limits");
        await using var server = await LoopbackSmtpServer.StartAsync();
        var prefix = $"cp-test-{Guid.NewGuid():N}:";
        DeliverySiteFactory Node(string name, int workers)
        {
            var node = new DeliverySiteFactory(postgres: database.ConnectionString, nodeName: name);
            node.UseSharedRedis(prefix);
            // Fewer workers than lanes on node A (one for four): its job server cannot take every lane, so node B
            // runs the others; a short poll so B picks them up at once (under CI load, with two workers each,
            // A's lanes sometimes sent the whole notice before B's server fetched one).
            node.Settings["Jobs:WorkerCount"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture);
            node.Settings["Jobs:PollSeconds"] = "0.5";
            return node;
        }
        using var nodeA = Node("node-a", 1);
        (await nodeA.SetUpAsync()).Dispose();
        using var nodeB = Node("node-b", 3);
        _ = nodeB.Services;
        var nodes = await RunAsync(server, nodeA, nodeB);
        // Both nodes' job servers ran lanes of the notice, so the limit held across them, not within one.
        Assert.Equal(["node-a", "node-b"], nodes.Order());
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    /// <returns>The nodes seen holding rows of the notice while it was sent.</returns>
    private async Task<HashSet<string>> RunAsync(LoopbackSmtpServer server, DeliverySiteFactory site, DeliverySiteFactory other)
    {
        // Long enough that two messages to one domain at once would overlap at the server.
        server.Delay = TimeSpan.FromMilliseconds(50);
        await site.UseSmtpAsync(server);
        await site.WithAsync(sp => sp.GetRequiredService<DeliverySettingsService>().SaveAsync(new DeliverySettings
        {
            Connections = 4, ClaimSize = 10, MaxAttempts = 8, BackoffBaseSeconds = 1,
            DomainLimits = [new DomainLimit { Domain = Limited, Connections = 1, PerMinute = PerMinute }],
        }));
        // Interleaved, so every lane's rounds hold both kinds.
        var emails = Enumerable.Range(0, LimitedCount + OtherCount)
            .Select(i => i % 5 < 2 ? $"hieutruong{i}@thcs{i}.quan{i % 7}.example.vn" : $"truong{i}@{Limited}").ToList();
        var (group, _) = site.Directory.AddAddresses(emails);
        var id = await site.CreateNoticeAsync(group);
        Assert.True((await site.StartAsync(id)).Succeeded);

        var nodes = new HashSet<string>();
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            var holders = await other.WithAsync(sp => sp.GetRequiredService<NoticesDbContext>().NoticeRecipients.AsNoTracking()
                .Where(r => r.NoticeId == id && r.ClaimedBy != null).Select(r => r.ClaimedBy!).Distinct().ToListAsync());
            foreach (var h in holders) nodes.Add(h.Split('|')[0]);
            if ((await other.ProgressAsync(id)).Status == NoticeStatus.Completed) break;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Notice {id} did not complete: {await other.ProgressAsync(id)}");
            await Task.Delay(100);
        }

        // Every recipient exactly once.
        var receipts = server.Receipts.ToList();
        Assert.Equal(emails.Order(), receipts.Select(r => Assert.Single(r.Recipients)).Order());
        // Never two messages with the server at once for the limited domain (the others had several).
        Assert.Equal(1, server.MostConcurrentByDomain[Limited]);
        var limited = receipts.Where(r => r.Recipients[0].EndsWith("@" + Limited, StringComparison.Ordinal)).Select(r => r.AtUtc).Order().ToList();
        var others = receipts.Where(r => !r.Recipients[0].EndsWith("@" + Limited, StringComparison.Ordinal)).Select(r => r.AtUtc).Order().ToList();
        output.WriteLine($"limited domain: {limited.Count} in {(limited[^1] - limited[0]).TotalSeconds:0.0} s; others: {others.Count}, last {(others[^1] - limited[0]).TotalSeconds:0.0} s after the first limited one; nodes {string.Join(", ", nodes)}");
        // The rate: 120 a minute is one every 0.5 s, so at most 10 in any 5 s — counted generously (+3) because
        // the server's clock sees the hand-off a little after the reserved moment, by varying amounts.
        var window = TimeSpan.FromSeconds(5);
        var allowed = (int)(window.TotalMinutes * PerMinute) + 3;
        for (var i = 0; i < limited.Count; i++)
            Assert.True(limited.Count(t => t >= limited[i] && t < limited[i] + window) <= allowed,
                $"More than {allowed} messages to {Limited} within 5 s from message {i}");
        // The other domains are not held to that pace: all were delivered before three quarters of the limited domain's
        // mail (which takes about 30 s at the rate; paced like it, they would end with it).
        Assert.True(others[^1] < limited[LimitedCount * 3 / 4], "The other domains' mail waited for the limited domain's pace.");

        // Deferrals are not attempts, notes or failures.
        var rows = await other.RowsAsync(id);
        Assert.All(rows, r => Assert.Equal((DeliveryStatus.Sent, 1, null, false), (r.Status, r.Attempts, r.LastError, r.PossiblyDoubled)));
        Assert.Equal(0, await other.WithAsync(sp => sp.GetRequiredService<NoticesDbContext>().NoticeDeliveryAttempts.CountAsync(a => a.NoticeId == id)));
        // Every connection slot was let go.
        Assert.Equal(0, await other.WithAsync(sp => sp.GetRequiredService<NoticesDbContext>().DeliveryDomainSlots.CountAsync(s => s.HeldBy != null)));
        return nodes;
    }
}
