using System.Collections.Concurrent;
using ChildProtection.Notices.Data;
using ChildProtection.Notices.Delivery;
using ChildProtection.Web.Tests;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmtpServer.Protocol;

namespace ChildProtection.Notices.Tests;

/// <summary>
/// A process killed mid-round (SIGKILL, power): simulated by copying the database, with SQLite's backup,
/// at the instant the server accepts a message — what the copy holds is exactly what a process killed
/// then would have left behind. A second host then starts on the copy, as the same node restarting or as
/// another node taking the rows over. SMTP allows one doubled message per connection in flight (the server
/// said 250, the process died before writing it): no more may come twice, and those that may are marked.
/// </summary>
[Collection(DeliveryCollection.Name)]
public sealed class DeliveryCrashTests : IDisposable
{
    private readonly TempFolder data = new("cp-delivery-crash");
    private readonly TempFolder copy = new("cp-delivery-crash-copy");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_process_killed_mid_round_sends_at_most_one_message_per_connection_twice_and_marks_it(bool anotherNodeTakesOver)
    {
        const int total = 300, connections = 2, claimSize = 50, crashAt = 130;
        var beforeCrash = new ConcurrentDictionary<int, string>();
        var gate = new object();
        var dead = false;
        // Every message up to and including crashAt is accepted; at crashAt the database is copied before the
        // 250 goes back, and from then on the first host is "dead": whatever it does next is not counted (its
        // messages are turned away and it writes to the original database, not the copy).
        await using var firstServer = await LoopbackSmtpServer.StartAnsweringAsync(call =>
        {
            lock (gate)
            {
                if (dead) return new SmtpResponse((SmtpReplyCode)451, "4.3.0 Gone");
                beforeCrash[call.Index] = call.Recipients.Single();
                if (call.Index == crashAt)
                {
                    SnapshotDataFolder(data.Path, copy.Path);
                    dead = true;
                }
                return SmtpResponse.Ok;
            }
        });
        int id;
        IReadOnlyList<Organisations.DirectoryRecipient> recipients;
        using (var first = new DeliverySiteFactory(data.Path))
        {
            (await first.SetUpAsync()).Dispose();
            await first.UseSmtpAsync(firstServer);
            await first.SetDeliveryAsync(connections, claimSize);
            (var group, recipients) = first.Directory.AddSchools(total);
            id = await first.CreateNoticeAsync(group);
            Assert.True((await first.StartAsync(id)).Succeeded);
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (!Volatile.Read(ref dead) && DateTime.UtcNow < deadline) await Task.Delay(50);
            Assert.True(Volatile.Read(ref dead), "the first host never reached the crash point");
        }

        // What the dead process left: rows in Sending, and on each lane at most one of them on the wire.
        var left = await RowsInAsync(copy.Path, id);
        var onWire = left.Where(r => r.Status == DeliveryStatus.Sending && r.OnWireSinceUtc is not null).Select(r => r.Id).ToHashSet();
        var claimedOnly = left.Where(r => r.Status == DeliveryStatus.Sending && r.OnWireSinceUtc is null).Select(r => r.Id).ToList();
        Assert.InRange(onWire.Count, 1, connections);
        Assert.NotEmpty(claimedOnly);
        if (anotherNodeTakesOver) await ExpireLeasesAsync(copy.Path);

        // The mail server is the same one for the restarted process (a fresh one on the same port, to count apart).
        await firstServer.StopAsync();
        await using var secondServer = await LoopbackSmtpServer.StartAsync(port: firstServer.Port);
        using var second = new DeliverySiteFactory(copy.Path, nodeName: anotherNodeTakesOver ? "bvte-other-node" : null);
        var progress = await second.WaitCompletedAsync(id);

        Assert.Equal(total, progress.Sent);
        var received = beforeCrash.Values.Concat(secondServer.Messages.Select(m => ((MailboxAddress)m.To.Single()).Address)).ToList();
        Assert.Equal(recipients.Select(r => r.Email).Order(), received.Distinct().Order());
        var doubled = received.GroupBy(e => e).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(doubled.Count <= connections, $"{doubled.Count} recipients got the notice twice; SMTP forces at most {connections} (one per connection)");

        // Exactly the rows that were on the wire are marked, every doubled one among them; rows that were
        // only claimed went out again unmarked.
        var rows = await second.RowsAsync(id);
        var marked = rows.Where(r => r.PossiblyDoubled).ToList();
        Assert.Equal(onWire.Order(), marked.Select(r => r.Id).Order());
        Assert.All(doubled, email => Assert.Contains(marked, r => r.Email == email));
        Assert.All(rows.Where(r => claimedOnly.Contains(r.Id)), r => Assert.False(r.PossiblyDoubled));
        Assert.All(rows, r => Assert.Null(r.OnWireSinceUtc));

        // The report says so, in Vietnamese, on the row and in the export.
        var admin = second.CreateSiteClient();
        await admin.SignInAsync(SiteFactory.AdminUser, SiteFactory.AdminPassword);
        var page = await admin.GetStringAsync($"/admin/notices/{id}/report?q={Uri.EscapeDataString(marked[0].Email)}");
        Assert.Contains("Có thể đã gửi hai lần", page);
        var csv = await admin.GetStringAsync($"/admin/notices/{id}/report?handler=Csv");
        var header = csv.Split("\r\n")[0];
        Assert.Contains("Có thể đã gửi hai lần", header);
        Assert.Contains("Các lần gửi trước", header);
        var markedLine = csv.Split("\r\n").Single(l => l.Contains(marked[0].Email, StringComparison.Ordinal));
        // Counted from the end: columns may follow it (files downloaded, when the notice has files), and the
        // history before it may hold commas of its own.
        var columns = header.Split(',');
        var fromEnd = columns.Length - Array.IndexOf(columns, "Có thể đã gửi hai lần");
        Assert.Equal("Có", markedLine.Split(',')[^fromEnd]);
    }

    /// <summary>What is durable at this instant: the database through SQLite's backup (committed transactions only), and the files.</summary>
    private static void SnapshotDataFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(file);
            // The job storage is left behind: the new process starts with an empty queue, as after a lost job.
            if (name.StartsWith("childprotection.db", StringComparison.Ordinal) || name.StartsWith("hangfire.db", StringComparison.Ordinal)) continue;
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            try { File.Copy(file, target, overwrite: true); } catch (IOException) { }
        }
        using var source = new SqliteConnection($"Data Source={Path.Combine(from, "childprotection.db")};Mode=ReadOnly;Pooling=False");
        using var destination = new SqliteConnection($"Data Source={Path.Combine(to, "childprotection.db")};Pooling=False");
        source.Open();
        destination.Open();
        source.BackupDatabase(destination);
    }

    private static async Task<List<NoticeRecipient>> RowsInAsync(string folder, int noticeId)
    {
        await using var db = Context(folder);
        return await db.NoticeRecipients.AsNoTracking().Where(r => r.NoticeId == noticeId).ToListAsync();
    }

    /// <summary>Time passes on the copy: the dead node's leases have run out.</summary>
    private static async Task ExpireLeasesAsync(string folder)
    {
        await using var db = Context(folder);
        await db.NoticeRecipients.Where(r => r.Status == DeliveryStatus.Sending).ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimExpiresUtc, DateTime.UtcNow.AddSeconds(-1)));
    }

    private static SqliteNoticesDbContext Context(string folder) =>
        new(new DbContextOptionsBuilder<SqliteNoticesDbContext>().UseSqlite($"Data Source={Path.Combine(folder, "childprotection.db")};Pooling=False").Options);

    public void Dispose()
    {
        data.Dispose();
        copy.Dispose();
    }
}
