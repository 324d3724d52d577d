using ChildProtection.Mail;
using System.Collections.Concurrent;
using ChildProtection.Notices.Data;
using ChildProtection.Notices.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ChildProtection.Notices.Tests;

/// <summary>
/// The claim on each database: lanes racing for the same notice's rows never hold one row twice, and the
/// whole pipeline delivers every row once. The SQLite class always runs; the PostgreSQL one needs
/// CP_TEST_POSTGRES (tools/test.sh starts a server).
/// </summary>
public abstract class DeliveryClaimTests : IAsyncLifetime
{
    private PostgresDatabase? database;
    protected abstract bool OnPostgres { get; }

    public async Task InitializeAsync()
    {
        if (OnPostgres) database = await PostgresDatabase.CreateAsync("cp_delivery");
    }

    public async Task DisposeAsync()
    {
        if (database is not null) await database.DisposeAsync();
    }

    private DeliverySiteFactory NewSite(bool runJobServer) => new(postgres: database?.ConnectionString, runJobServer: runJobServer);

    [ServiceFact]
    public async Task Racing_lanes_claim_every_row_exactly_once()
    {
        // No job server: the test is the only one claiming.
        using var site = NewSite(runJobServer: false);
        (await site.SetUpAsync()).Dispose();
        var (group, _) = site.Directory.AddSchools(1000);
        var id = await site.CreateNoticeAsync(group);
        await site.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<NoticesDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            Assert.Equal(1000, (await sp.GetRequiredService<DeliveryLedger>().InsertRecipientsAsync(id, site.Directory.Groups[group].ToAsyncEnumerable(), default)).Written);
            // Written twice: the unique (notice, address) key keeps one row each.
            Assert.Equal(0, (await sp.GetRequiredService<DeliveryLedger>().InsertRecipientsAsync(id, site.Directory.Groups[group].ToAsyncEnumerable(), default)).Written);
            await tx.CommitAsync();
        });

        var claimed = new ConcurrentBag<long>();
        // All lanes make their first claim together, as lanes started by one notice do.
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lanes = Enumerable.Range(0, 6).Select(lane => Task.Run(async () =>
        {
            await go.Task;
            while (true)
            {
                var rows = await site.WithAsync(sp =>
                {
                    var now = DateTime.UtcNow;
                    return sp.GetRequiredService<DeliveryLedger>().ClaimAsync(id, $"test|{lane}|x", 17, now, now.AddMinutes(5), default);
                });
                if (rows.Count == 0) return;
                foreach (var r in rows) claimed.Add(r.Id);
                // A lane sends between claims; without a pause, SQLite's busy retry (a sleep) lets one
                // claimer take every round, which proves nothing about the others.
                await Task.Delay(20);
            }
        })).ToList();
        go.SetResult();
        await Task.WhenAll(lanes);

        Assert.Equal(1000, claimed.Count);
        Assert.Equal(1000, claimed.Distinct().Count());
        var rowsAfter = await site.RowsAsync(id);
        Assert.All(rowsAfter, r => Assert.Equal(DeliveryStatus.Sending, r.Status));
        // Several lanes really took part (one may start after the others emptied the notice).
        Assert.InRange(rowsAfter.Select(r => r.ClaimedBy).Distinct().Count(), 2, 6);
    }

    [ServiceFact]
    public async Task Failed_attempts_go_to_the_history_and_a_delivered_row_keeps_no_error()
    {
        using var site = NewSite(runJobServer: false);
        (await site.SetUpAsync()).Dispose();
        var (group, _) = site.Directory.AddSchools(2);
        var id = await site.CreateNoticeAsync(group);
        await site.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<NoticesDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            await sp.GetRequiredService<DeliveryLedger>().InsertRecipientsAsync(id, site.Directory.Groups[group].ToAsyncEnumerable(), default);
            await tx.CommitAsync();
        });
        var settings = new DeliverySettings { MaxAttempts = 5 };
        async Task<List<ClaimedRow>> ClaimAsync(string claim, DateTime lease) => await site.WithAsync(sp =>
            sp.GetRequiredService<DeliveryLedger>().ClaimAsync(id, claim, 10, DateTime.UtcNow.AddHours(1), lease, default));
        Task WriteAsync(string claim, params RowOutcome[] outcomes) =>
            site.WithAsync(sp => sp.GetRequiredService<DeliveryLedger>().WriteOutcomesAsync(claim, outcomes, default));

        // Round 1: both rows get a 451.
        var first = await ClaimAsync("test|a|1", DateTime.UtcNow.AddMinutes(5));
        await WriteAsync("test|a|1", first.Select(r => DeliveryLaneJob.Outcome(r, MailResult.Transient("451 4.7.1 Greylisted"), settings, DateTime.UtcNow) with { NextAttemptUtc = null }).ToArray());
        // Round 2: claimed, both put on the wire one after the other, then the lane dies with the second on
        // the wire (its lease has run out when round 3 claims). Round 2's first message was answered 451 and
        // written, the second is the only one the server may have accepted unrecorded.
        var second = (await ClaimAsync("test|b|2", DateTime.UtcNow.AddMinutes(-1))).OrderBy(r => r.Id).ToList();
        Assert.Equal(2, second.Count);
        await site.WithAsync(sp => sp.GetRequiredService<DeliveryLedger>().MarkOnWireAsync("test|b|2", second[1].Id, DateTime.UtcNow, default));
        // Round 3: takes them over, one is delivered, the other refused for good.
        var third = (await ClaimAsync("test|c|3", DateTime.UtcNow.AddMinutes(5))).OrderBy(r => r.Id).ToList();
        Assert.Equal(["451 4.7.1 Greylisted", DeliveryRecovery.LeaseExpired], third.Select(r => r.LastError));
        var taken = await site.RowsAsync(id);
        Assert.Equal([false, true], taken.OrderBy(r => r.Id).Select(r => r.PossiblyDoubled));
        Assert.All(taken, r => Assert.Null(r.OnWireSinceUtc));
        third = third.AsEnumerable().Reverse().ToList();
        await WriteAsync("test|c|3",
            DeliveryLaneJob.Outcome(third[0], MailResult.Sent("250 2.0.0 OK"), settings, DateTime.UtcNow),
            DeliveryLaneJob.Outcome(third[1], MailResult.Permanent("550 5.1.1 User unknown"), settings, DateTime.UtcNow));

        var rows = await site.RowsAsync(id);
        var history = await site.WithAsync(sp => sp.GetRequiredService<NoticesDbContext>().NoticeDeliveryAttempts.AsNoTracking().OrderBy(a => a.Id).ToListAsync());
        var delivered = rows.Single(r => r.Id == third[0].Id);
        Assert.Equal((DeliveryStatus.Sent, null, 2), (delivered.Status, delivered.LastError, delivered.Attempts));
        Assert.Equal(["451 4.7.1 Greylisted", DeliveryRecovery.LeaseExpired], history.Where(a => a.RecipientId == delivered.Id).Select(a => a.Detail));
        var refused = rows.Single(r => r.Id == third[1].Id);
        Assert.Equal((DeliveryStatus.Failed, "550 5.1.1 User unknown"), (refused.Status, refused.LastError));
        // A refused row's reason is its state, and in its history after what came before.
        Assert.Equal(["451 4.7.1 Greylisted", "550 5.1.1 User unknown"], history.Where(a => a.RecipientId == refused.Id).Select(a => a.Detail));
    }

    [ServiceFact]
    public async Task The_whole_pipeline_delivers_every_row_once_with_several_lanes()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        using var site = NewSite(runJobServer: true);
        (await site.SetUpAsync()).Dispose();
        await site.UseSmtpAsync(server);
        await site.SetDeliveryAsync(connections: 4, claimSize: 7);
        var (group, recipients) = site.Directory.AddSchools(200);
        var id = await site.CreateNoticeAsync(group);

        Assert.True((await site.StartAsync(id)).Succeeded);
        var progress = await site.WaitCompletedAsync(id);

        Assert.Equal(200, progress.Sent);
        Assert.Equal(200, server.Messages.Count);
        Assert.Equal(recipients.Select(r => r.Email).Order(), server.Messages.Select(m => ((MailboxAddress)m.To.Single()).Address).Order());
    }
}

[Collection(DeliveryCollection.Name)]
public sealed class SqliteDeliveryClaimTests : DeliveryClaimTests
{
    protected override bool OnPostgres => false;
}

[Collection(DeliveryCollection.Name)]
[RequiresPostgres]
public sealed class PostgresDeliveryClaimTests : DeliveryClaimTests
{
    protected override bool OnPostgres => true;
}
