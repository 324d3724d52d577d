using System.Collections.Concurrent;
using ChildProtection.Notices.Data;
using ChildProtection.Notices.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Notices.Tests;

/// <summary>
/// The per-domain throttle's statements on each database, with the clock given by the test: rate moments
/// spaced by 60 s / rate and never handed out twice, connection slots held by one lane at a time and freed
/// by their lease's end, and a deferred row put back unsent. The SQLite class always runs; the PostgreSQL
/// one needs CP_TEST_POSTGRES.
/// </summary>
public abstract class DomainThrottleTests : IAsyncLifetime
{
    private PostgresDatabase? database;
    private DeliverySiteFactory site = null!;
    protected abstract bool OnPostgres { get; }

    public async Task InitializeAsync()
    {
        if (OnPostgres) database = await PostgresDatabase.CreateAsync("cp_domain_throttle");
        site = new DeliverySiteFactory(postgres: database?.ConnectionString, runJobServer: false);
        (await site.SetUpAsync()).Dispose();
    }

    public async Task DisposeAsync()
    {
        site.Dispose();
        if (database is not null) await database.DisposeAsync();
    }

    private Task<T> ThrottleAsync<T>(Func<DomainThrottle, Task<T>> work) => site.WithAsync(sp => work(sp.GetRequiredService<DomainThrottle>()));

    private const long T0 = 1_800_000_000_000;

    [ServiceFact]
    public async Task Rate_moments_are_spaced_within_the_horizon_and_not_banked_while_idle()
    {
        var rule = new DomainRule("hanoi.edu.vn", 0, 120); // one every 500 ms
        Task<(long? Reserved, long Next)> Reserve(long now) => ThrottleAsync(t => t.TryReserveAsync(rule, now, now + 1000, default));

        Assert.Equal(((long?)T0, T0 + 500), await Reserve(T0));
        Assert.Equal(((long?)T0 + 500, T0 + 1000), await Reserve(T0));
        Assert.Equal(((long?)T0 + 1000, T0 + 1500), await Reserve(T0));
        // The next moment is 1.5 s away, beyond the horizon: nothing reserved, and when to come back.
        Assert.Equal(((long?)null, T0 + 1500), await Reserve(T0));
        Assert.Equal(((long?)null, T0 + 1500), await Reserve(T0 + 100));
        // After a quiet minute the domain starts from now: unused moments are not saved up for a burst.
        Assert.Equal(((long?)T0 + 60_000, T0 + 60_500), await Reserve(T0 + 60_000));
        // Another domain has its own moments.
        Assert.Equal(((long?)T0, T0 + 6000), await ThrottleAsync(t => t.TryReserveAsync(new DomainRule("quan1.edu.vn", 0, 10), T0, T0 + 1000, default)));
    }

    [ServiceFact]
    public async Task Racing_lanes_never_get_the_same_rate_moment()
    {
        var rule = new DomainRule("hanoi.edu.vn", 0, 600); // one every 100 ms
        var reserved = new ConcurrentBag<long>();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lanes = Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            for (var i = 0; i < 5; i++)
            {
                var (at, _) = await ThrottleAsync(t => t.TryReserveAsync(rule, T0, long.MaxValue, default));
                reserved.Add(Assert.NotNull(at));
            }
        })).ToList();
        go.SetResult();
        await Task.WhenAll(lanes);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => T0 + i * 100L), reserved.Order());
    }

    [ServiceFact]
    public async Task Connection_slots_are_held_one_lane_each_and_free_themselves_when_the_lease_ends()
    {
        var rule = new DomainRule("hanoi.edu.vn", 2, 0);
        Task<int?> Hold(string claim, long now) => ThrottleAsync(t => t.TryHoldSlotAsync(rule, claim, now, now + 30_000, default));

        var a = await Hold("node-a|x|1", T0);
        var b = await Hold("node-b|x|2", T0);
        Assert.NotNull(a);
        Assert.NotNull(b);
        Assert.NotEqual(a, b);
        Assert.Null(await Hold("node-a|x|3", T0 + 1000));
        // Let go after a message: the next lane gets it at once.
        await ThrottleAsync(async t => { await t.ReleaseSlotAsync(rule.Key, a!.Value, "node-a|x|1", default); return 0; });
        Assert.Equal(a, await Hold("node-a|x|3", T0 + 1000));
        // node-b's heartbeat renews its slot; node-a dies holding the other (no renewal, no release).
        await ThrottleAsync(async t => { await t.RenewAsync("node-b|x|2", T0 + 60_000, default); return 0; });
        Assert.Null(await Hold("node-c|x|4", T0 + 30_500));
        // node-a's lease (from T0 + 1 s) has ended: its slot is free again; node-b's renewed one is not.
        Assert.Equal(a, await Hold("node-c|x|4", T0 + 31_500));
        Assert.Null(await Hold("node-c|x|5", T0 + 31_500));
        Assert.Equal(b, await Hold("node-c|x|5", T0 + 60_500));
    }

    [ServiceFact]
    public async Task Racing_lanes_never_hold_one_slot_together()
    {
        var rule = new DomainRule("hanoi.edu.vn", 1, 0);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lanes = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await go.Task;
            return await ThrottleAsync(t => t.TryHoldSlotAsync(rule, $"node|x|{i}", T0, T0 + 30_000, default));
        })).ToList();
        go.SetResult();
        var held = await Task.WhenAll(lanes);
        Assert.Single(held, h => h is not null);
    }

    [ServiceFact]
    public async Task A_deferred_row_goes_back_unsent_without_an_attempt_and_the_next_row_is_marked_on_the_wire()
    {
        var (group, _) = site.Directory.AddAddresses(["a@hanoi.edu.vn", "b@hanoi.edu.vn"]);
        var id = await site.CreateNoticeAsync(group);
        await site.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<NoticesDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            await sp.GetRequiredService<DeliveryLedger>().InsertRecipientsAsync(id, site.Directory.Groups[group].ToAsyncEnumerable(), default);
            await tx.CommitAsync();
        });
        const string claim = "node|x|1";
        var until = DateTime.UtcNow.AddSeconds(30);
        await site.WithAsync(async sp =>
        {
            var ledger = sp.GetRequiredService<DeliveryLedger>();
            var now = DateTime.UtcNow;
            var rows = (await ledger.ClaimAsync(id, claim, 10, now, now.AddMinutes(1), default)).OrderBy(r => r.Id).ToList();
            await ledger.MarkOnWireAsync(claim, rows[0].Id, now, default);
            await ledger.DeferAsync(claim, rows[0].Id, until, rows[1].Id, now, default);
        });
        var after = await site.RowsAsync(id);
        Assert.Equal((DeliveryStatus.Queued, 0, null, null, null, false), (after[0].Status, after[0].Attempts, after[0].ClaimedBy, after[0].OnWireSinceUtc, after[0].LastError, after[0].PossiblyDoubled));
        Assert.Equal(until, after[0].NextAttemptUtc!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal((DeliveryStatus.Sending, claim), (after[1].Status, after[1].ClaimedBy));
        Assert.NotNull(after[1].OnWireSinceUtc);
        Assert.Equal(0, await site.WithAsync(sp => sp.GetRequiredService<NoticesDbContext>().NoticeDeliveryAttempts.CountAsync()));
    }
}

[Collection(DeliveryCollection.Name)]
public sealed class SqliteDomainThrottleTests : DomainThrottleTests
{
    protected override bool OnPostgres => false;
}

[Collection(DeliveryCollection.Name)]
[RequiresPostgres]
public sealed class PostgresDomainThrottleTests : DomainThrottleTests
{
    protected override bool OnPostgres => true;
}

/// <summary>Which limit applies to an address, and how the settings keep domains.</summary>
public sealed class DomainRulesTests
{
    private static DomainRules Rules(int defaultConnections = 0, int defaultPerMinute = 0) => new(new DeliverySettings
    {
        DomainLimits =
        [
            new DomainLimit { Domain = "hanoi.edu.vn", Connections = 1, PerMinute = 120 },
            new DomainLimit { Domain = "thpt.hanoi.edu.vn", Connections = 3, PerMinute = 0 },
        ],
        DefaultDomainConnections = defaultConnections, DefaultDomainPerMinute = defaultPerMinute,
    }.Normalised());

    [Theory]
    [InlineData("hieutruong@hanoi.edu.vn", "hanoi.edu.vn", 1)]
    [InlineData("hieutruong@THCS1.Hanoi.edu.vn", "hanoi.edu.vn", 1)]
    [InlineData("hieutruong@a.thpt.hanoi.edu.vn", "thpt.hanoi.edu.vn", 3)]
    public void A_listed_domain_covers_its_subdomains_and_the_longest_match_wins(string email, string key, int connections)
    {
        var rule = Assert.IsType<DomainRule>(Rules().For(email));
        Assert.Equal((key, connections), (rule.Key, rule.Connections));
    }

    [Fact]
    public void Unlisted_domains_are_free_unless_a_default_is_set_and_then_each_is_limited_on_its_own()
    {
        Assert.Null(Rules().For("hieutruong@xhanoi.edu.vn"));
        Assert.Null(Rules().For("hieutruong@gmail.com"));
        Assert.False(new DomainRules(new DeliverySettings()).Any);
        var rule = Assert.IsType<DomainRule>(Rules(defaultConnections: 2).For("hieutruong@gmail.com"));
        Assert.Equal(("gmail.com", 2, 0), (rule.Key, rule.Connections, rule.PerMinute));
        Assert.Equal("hanoi.edu.vn", Rules(defaultConnections: 2).For("a@hanoi.edu.vn")!.Key);
    }

    [Theory]
    [InlineData(" Hanoi.EDU.vn. ", "hanoi.edu.vn")]
    [InlineData("trường.vn", "xn--trng-rib8295b.vn")]
    [InlineData("hanoi", null)]
    [InlineData("ha noi.edu.vn", null)]
    [InlineData("-hanoi.edu.vn", null)]
    [InlineData("hanoi..edu.vn", null)]
    [InlineData("thcs_1.hanoi.edu.vn", null)]
    [InlineData("user@hanoi.edu.vn", null)]
    public void Domain_names_are_normalised_or_refused(string typed, string? kept) => Assert.Equal(kept, DomainNames.Normalise(typed));
}
