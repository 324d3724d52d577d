using System.Globalization;
using ChildProtection.Notices.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Bench;

/// <summary>
/// Issue 16's crash: a notice to N recipients (10,000) sent by the site in its own process, which is
/// SIGKILLed when the sink has received about 40 % of them, then started again on the same data folder.
/// When the notice has completed, the sink's count per Message-ID (<c>notice-{notice}.{row}.{site}@host</c>,
/// the same on every retry of a row) gives the lost and the doubled messages; the ledger gives the rows
/// marked possibly doubled, and every doubled message must be one of them. SMTP allows one doubled message
/// per connection in flight (accepted by the server, the process killed before it wrote that down).
/// </summary>
internal static class NoticesCrashScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args, concurrency: 2, items: 10_000);
        var size = options.Items;
        var connections = Math.Clamp(options.Concurrency, 1, 10);
        var killAt = (int)(size * 0.4);

        await using var sink = await SinkProcess.StartAsync();
        string folder;
        int noticeId;
        // Seeded in this process without a job server, so nothing is sent before the site process runs.
        await using (var seeding = await BenchSite.StartAsync(extraSettings: new Dictionary<string, string?> { ["Jobs:RunServer"] = "false" }))
        {
            seeding.KeepData = true;
            folder = seeding.DataPath;
            await NoticesScenario.ConfigureMailAsync(seeding.Services, sink.Port, connections);
            await NoticesScenario.SeedDirectoryAsync(seeding.Services, 0, size);
            noticeId = await NoticesScenario.CreateNoticeAsync(seeding.Services, NoticesScenario.SamplePdf(), size);
            // Due a while ago: the site process's start-up recovery starts it, as it starts any overdue schedule.
            await using var scope = seeding.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<NoticesDbContext>().Notices.Where(n => n.Id == noticeId).ExecuteUpdateAsync(s => s
                .SetProperty(n => n.SentBy, "bench").SetProperty(n => n.ScheduledUtc, (DateTime?)DateTime.UtcNow.AddMinutes(-5)));
        }
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["Jobs__WorkerCount"] = (connections + 2).ToString(CultureInfo.InvariantCulture),
                ["Jobs__PollSeconds"] = "0.2",
            };
            var port = SiteProcess.FreePort();
            var before = await sink.ReceivedAsync();
            long atKill;
            await using (var site = await SiteProcess.StartAsync(folder, port, environment, "/health/live"))
            {
                var deadline = DateTime.UtcNow.AddMinutes(5);
                while (await sink.ReceivedAsync() - before < killAt)
                {
                    if (DateTime.UtcNow > deadline) throw new TimeoutException("The site did not reach 40 % in 5 minutes.");
                    await Task.Delay(5);
                }
                await site.KillAsync();
                atKill = await sink.ReceivedAsync() - before;
            }
            Console.Error.WriteLine($"  killed the site at {atKill:N0} of {size:N0} received; starting it again on the same data");
            await using (var again = await SiteProcess.StartAsync(folder, port, environment, "/health/live"))
                await WaitForCompletionAsync(folder, noticeId);

            var (distinct, repeated) = await sink.MessageIdsAsync();
            var prefix = $"notice-{noticeId}.";
            var ours = repeated.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary();
            var duplicates = ours.Values.Sum(n => n - 1);
            var (sent, marked) = await LedgerAsync(folder, noticeId);
            // Only this notice is sent to the sink: a recipient without a Message-ID there never got it (and a
            // ledger row not Sent would be one too).
            var lost = Math.Max(size - distinct, size - (int)sent);
            // A doubled message's row: notice-{notice}.{row}.{site}@host.
            var doubledRows = ours.Keys.Select(k => long.Parse(k[prefix.Length..k.IndexOf('.', prefix.Length)], CultureInfo.InvariantCulture)).ToList();
            var unmarked = doubledRows.Count(r => !marked.Contains(r));
            var received = await sink.ReceivedAsync() - before;
            Console.WriteLine($"notices-crash: {size:N0} recipients, {connections} connections, site killed (SIGKILL) at {atKill:N0} received and started again; sink received {received:N0} messages, {distinct:N0} distinct Message-IDs");
            Console.WriteLine($"scenario=notices-crash lost={lost} duplicates={duplicates} connections={connections} marked={marked.Count} unmarked_duplicates={unmarked}");
            return lost == 0 && duplicates <= connections && unmarked == 0 ? 0 : 1;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static SqliteConnection Open(string folder)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "childprotection.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    internal static async Task WaitForCompletionAsync(string folder, int noticeId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            await using var connection = Open(folder);
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT \"Status\" FROM \"Notices\" WHERE \"Id\" = $n";
            cmd.Parameters.AddWithValue("$n", noticeId);
            if (Convert.ToInt32(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture) == (int)NoticeStatus.Completed) return;
        }
        throw new TimeoutException("The notice did not complete within 10 minutes of the restart.");
    }

    /// <summary>Rows sent, and the ids of the rows marked possibly doubled.</summary>
    private static async Task<(long Sent, HashSet<long> Marked)> LedgerAsync(string folder, int noticeId)
    {
        await using var connection = Open(folder);
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM \"NoticeRecipients\" WHERE \"NoticeId\" = $n AND \"Status\" = " + (int)DeliveryStatus.Sent;
        count.Parameters.AddWithValue("$n", noticeId);
        var sent = Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT \"Id\" FROM \"NoticeRecipients\" WHERE \"NoticeId\" = $n AND \"PossiblyDoubled\"";
        cmd.Parameters.AddWithValue("$n", noticeId);
        var marked = new HashSet<long>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) marked.Add(reader.GetInt64(0));
        return (sent, marked);
    }
}
