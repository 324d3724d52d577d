using ChildProtection.Notices.Data;
using ChildProtection.Notices.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace ChildProtection.Notices.Tests;

/// <summary>Two hosts, one after the other, on the same data folder and database: what a restart of the node looks like.</summary>
[Collection(DeliveryCollection.Name)]
public sealed class DeliveryRestartTests : IDisposable
{
    private readonly TempFolder data = new("cp-delivery-restart");

    [Fact]
    public async Task The_host_stopped_mid_notice_and_started_again_loses_nobody()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        server.Delay = TimeSpan.FromMilliseconds(15);
        int id;
        IReadOnlyList<Organisations.DirectoryRecipient> recipients;
        const int claimSize = 10, connections = 2;
        using (var first = new DeliverySiteFactory(data.Path))
        {
            (await first.SetUpAsync()).Dispose();
            await first.UseSmtpAsync(server);
            await first.SetDeliveryAsync(connections, claimSize);
            (var group, recipients) = first.Directory.AddSchools(300);
            id = await first.CreateNoticeAsync(group);
            Assert.True((await first.StartAsync(id)).Succeeded);
            await first.WaitForAsync(id, p => p.Sent >= 40);
        } // the host stops here, lanes mid-round

        var afterStop = server.Messages.Count;
        Assert.True(afterStop < 300, "the notice must still have been in the middle when the host stopped");

        using var second = new DeliverySiteFactory(data.Path);
        _ = second.Services; // starts the host: recovery, then the lanes
        var progress = await second.WaitCompletedAsync(id);

        Assert.Equal((300, 0), (progress.Sent, progress.Failed));
        var received = server.Messages.Select(m => ((MailboxAddress)m.To.Single()).Address).ToList();
        Assert.Equal(recipients.Select(r => r.Email).Order(), received.Distinct().Order());
        // Each message is written before the next goes out on its connection: at most the one in flight per
        // lane when the host stopped may come twice.
        Assert.InRange(received.Count, 300, 300 + connections);
    }

    [Fact]
    public async Task Rows_left_in_sending_by_a_dead_process_are_resolved_deliberately()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        int id;
        List<long> ours, expired, live;
        // A host without a job server writes the ledger; then rows are left as a crash would leave them.
        using (var first = new DeliverySiteFactory(data.Path, runJobServer: false))
        {
            (await first.SetUpAsync()).Dispose();
            await first.UseSmtpAsync(server);
            await first.SetDeliveryAsync();
            var (group, _) = first.Directory.AddSchools(40);
            id = await first.CreateNoticeAsync(group);
            Assert.True((await first.StartAsync(id)).Succeeded);
            var rows = await first.RowsAsync(id);
            ours = rows.Take(10).Select(r => r.Id).ToList();
            expired = rows.Skip(10).Take(5).Select(r => r.Id).ToList();
            live = rows.Skip(15).Take(5).Select(r => r.Id).ToList();
            await first.WithAsync(async sp =>
            {
                var db = sp.GetRequiredService<NoticesDbContext>();
                var soon = DateTime.UtcNow.AddHours(1);
                // This node, an earlier process: known orphans, whatever their lease says. The lane had the
                // first of them on the wire; the others it had only claimed.
                await Claim(db, ours, "bvte-test-node|deadbeef00|lane1", soon, onWire: ours[0]);
                // Another node whose lease ran out: it stopped answering.
                await Claim(db, expired, "node-b|0123456789|lane2", DateTime.UtcNow.AddMinutes(-1), onWire: expired[0]);
                // Another node still within its lease: not ours to take.
                await Claim(db, live, "node-c|0123456789|lane3", soon);
            });
        }

        using var second = new DeliverySiteFactory(data.Path);
        _ = second.Services;
        var rowsAfter = await second.WaitForRowsAsync(id, rs => rs.Count(r => r.Status == DeliveryStatus.Sent) == 35);

        // Delivered now, so the note that they may have gone out before is their history (once), not their state.
        var history = await second.WithAsync(sp => sp.GetRequiredService<NoticesDbContext>().NoticeDeliveryAttempts.AsNoTracking().Where(a => a.NoticeId == id).ToListAsync());
        // Only the row each dead lane had on the wire may have gone out: it alone is marked possibly doubled and
        // its note is history now (it was delivered since); the rows only claimed went out as a first send.
        Assert.All(rowsAfter.Where(r => ours.Contains(r.Id) || expired.Contains(r.Id)), r =>
        {
            Assert.Equal((DeliveryStatus.Sent, null), (r.Status, r.LastError));
            var onWire = r.Id == ours[0] || r.Id == expired[0];
            Assert.Equal(onWire, r.PossiblyDoubled);
            var notes = history.Where(a => a.RecipientId == r.Id).Select(a => a.Detail).ToList();
            if (!onWire) Assert.Empty(notes);
            else Assert.Equal(r.Id == ours[0] ? DeliveryRecovery.InterruptedByRestart : DeliveryRecovery.LeaseExpired, Assert.Single(notes));
        });
        Assert.All(rowsAfter.Where(r => live.Contains(r.Id)), r => Assert.Equal(DeliveryStatus.Sending, r.Status));
        var events = await second.EventsAsync(id);
        Assert.Contains(events, e => e.Action == DeliveryActions.Recovered && e.Detail == "1: " + DeliveryRecovery.InterruptedByRestart);
        Assert.Contains(events, e => e.Action == DeliveryActions.Recovered && e.Detail == "9: " + DeliveryRecovery.NotHandedOver);
        // The other node's expired rows are taken either by the start-up recovery (which writes these events) or,
        // when the resumed lane's claim gets there first, by the claim itself (rows marked as above, no event):
        // the rows' state and history, asserted above, are the same either way.
        if (events.Any(e => e.Action == DeliveryActions.Recovered && e.Detail == "1: " + DeliveryRecovery.LeaseExpired))
            Assert.Contains(events, e => e.Action == DeliveryActions.Recovered && e.Detail == "4: " + DeliveryRecovery.NotHandedOver);

        // Once the other node's lease runs out, the watchdog (run here directly rather than waiting a minute) takes them too.
        await second.WithAsync(async sp =>
        {
            await sp.GetRequiredService<NoticesDbContext>().NoticeRecipients.Where(r => live.Contains(r.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimExpiresUtc, DateTime.UtcNow.AddSeconds(-1)));
            await sp.GetRequiredService<DeliveryRecovery>().RunAsync(atStartup: false, CancellationToken.None);
        });
        var progress = await second.WaitCompletedAsync(id);
        Assert.Equal(40, progress.Sent);
        Assert.Equal(40, server.Messages.Count);
    }

    private static async Task Claim(NoticesDbContext db, List<long> ids, string claimedBy, DateTime lease, long? onWire = null)
    {
        await db.NoticeRecipients.Where(r => ids.Contains(r.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, DeliveryStatus.Sending).SetProperty(r => r.ClaimedBy, claimedBy).SetProperty(r => r.ClaimExpiresUtc, lease));
        if (onWire is { } id)
            await db.NoticeRecipients.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.OnWireSinceUtc, DateTime.UtcNow));
    }

    public void Dispose() => data.Dispose();
}
