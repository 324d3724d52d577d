using System.Diagnostics;
using ChildProtection.Notices.Acknowledgement;
using ChildProtection.Notices.Data;
using ChildProtection.Web.Tests;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Xunit.Abstractions;

namespace ChildProtection.Notices.Tests;

/// <summary>
/// Issue 16's fast lane: single messages never wait behind a bulk send. A notice with more lanes than the site
/// has ordinary job workers, sent to a deliberately slow SMTP server, holds every ordinary worker for a long
/// time; a reminder (a Hangfire job, started the way its hourly schedule starts it) and a test send from the
/// notice page must still reach the server within the issue's 5 seconds while the bulk send goes on.
/// </summary>
[Collection(DeliveryCollection.Name)]
public sealed class FastLaneTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Ordinary workers of this host: fewer than the notice's lanes, so the lanes take all of them.</summary>
    private const int OrdinaryWorkers = 2;
    private const int Lanes = 3;
    /// <summary>
    /// The bound the issue names ("arrives within 5 s"), so asserting wall-clock time is allowed here. It covers
    /// the fast lane's poll (1 s), composing, a new connection and the slow server's own delay per message; a
    /// reminder behind the lanes would wait for a lane to finish, over a minute with these numbers.
    /// </summary>
    private static readonly TimeSpan IssueBound = TimeSpan.FromSeconds(5);

    private readonly DeliverySiteFactory factory = new();
    private SiteClient admin = null!;

    public async Task InitializeAsync()
    {
        factory.Settings["Jobs:WorkerCount"] = OrdinaryWorkers.ToString(System.Globalization.CultureInfo.InvariantCulture);
        admin = await factory.SetUpAsync();
    }

    public Task DisposeAsync()
    {
        admin.Dispose();
        factory.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_reminder_and_a_test_send_arrive_within_5_s_while_a_bulk_send_holds_every_ordinary_worker()
    {
        await using var server = await LoopbackSmtpServer.StartAsync();
        // 250 ms per message: 600 recipients over two busy lanes take over a minute.
        server.Delay = TimeSpan.FromMilliseconds(250);
        await factory.UseSmtpAsync(server);
        await factory.SetDeliveryAsync(connections: Lanes);
        const string remindedAddress = "nhac-han@truong-mam-non.example.edu.vn";
        await SeedNoticeDueForReminderAsync(remindedAddress);
        var draft = await factory.CreateNoticeAsync(factory.Directory.AddSchools(1).GroupId);
        var (group, _) = factory.Directory.AddSchools(600);
        var bulk = await factory.CreateNoticeAsync(group);

        Assert.True((await factory.StartAsync(bulk)).Succeeded);
        try
        {
            // Every ordinary worker is in a lane once two lanes have delivered over connections of their own.
            await WaitUntilAsync(() => server.SessionsUsed >= OrdinaryWorkers, "two lanes sending");
            var sessionsOfLanes = server.SessionsUsed;

            // (a) The reminder run, enqueued as the hourly schedule enqueues it (so its queue comes from the job's attribute).
            var clock = Stopwatch.StartNew();
            factory.Services.GetRequiredService<IRecurringJobManager>().Trigger(ReminderJob.RecurringJobId);
            await WaitUntilAsync(() => server.Messages.Any(m => IsTo(m, remindedAddress)), "the reminder", TimeSpan.FromSeconds(60));
            var reminderTook = clock.Elapsed;

            // (b) A test send of another notice from its page (sent while the request runs: the answer means it arrived).
            clock.Restart();
            var response = await admin.PostFormAsync($"/admin/notices/{draft}?handler=Test", new(), $"/admin/notices/{draft}");
            var testTook = clock.Elapsed;
            var progress = await factory.ProgressAsync(bulk);
            output.WriteLine($"reminder {reminderTook.TotalMilliseconds:0} ms, test send {testTook.TotalMilliseconds:0} ms, bulk {progress.Sent}/{progress.Total} sent, sessions {server.SessionsUsed}");

            Assert.Equal(302, (int)response.StatusCode);
            Assert.Contains(server.Messages, m => IsTo(m, SiteFactoryAdminEmail));
            Assert.True(reminderTook < IssueBound, $"the reminder took {reminderTook.TotalSeconds:0.0} s behind the bulk send");
            Assert.True(testTook < IssueBound, $"the test send took {testTook.TotalSeconds:0.0} s behind the bulk send");
            // Both arrived while the bulk send was still going, not after it.
            Assert.Equal(NoticeStatus.Sending, progress.Status);
            Assert.True(progress.Sent < progress.Total, $"the bulk send had finished ({progress})");
            // Each over a connection of its own, not a lane's: two more sessions than the lanes had.
            Assert.True(server.SessionsUsed >= sessionsOfLanes + 2, $"sessions: lanes {sessionsOfLanes}, now {server.SessionsUsed}");
        }
        finally
        {
            await factory.CommandAsync(d => d.CancelAsync(bulk, "guicongvan"));
        }
    }

    [Fact]
    public async Task The_dashboard_lists_the_ordinary_server_and_the_fast_lane_by_name_and_a_node_without_a_server_runs_neither()
    {
        var servers = await WaitForServersAsync(factory, 2);
        var general = Assert.Single(servers, s => s.Name.Contains(":general:", StringComparison.Ordinal));
        var fast = Assert.Single(servers, s => s.Name.Contains(":fast-lane:", StringComparison.Ordinal));
        Assert.Equal(["critical", "default", "mail"], general.Queues);
        Assert.Equal(OrdinaryWorkers, general.WorkersCount);
        Assert.Equal(["fast"], fast.Queues);
        Assert.Equal(ChildProtection.Jobs.JobsOptions.DefaultFastWorkerCount, fast.WorkersCount);

        using var webNode = new DeliverySiteFactory(runJobServer: false);
        using var client = await webNode.SetUpAsync();
        Assert.Empty(webNode.Services.GetRequiredService<JobStorage>().GetMonitoringApi().Servers());
    }

    private static async Task<IList<Hangfire.Storage.Monitoring.ServerDto>> WaitForServersAsync(DeliverySiteFactory site, int count)
    {
        var monitoring = site.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var servers = monitoring.Servers();
            if (servers.Count >= count || DateTime.UtcNow > deadline) return servers;
            await Task.Delay(200);
        }
    }

    /// <summary>The administrator's address given at set-up (<see cref="SiteFactory.SetUpAsync"/>): where a test send goes.</summary>
    private const string SiteFactoryAdminEmail = "quantri@example.org";

    private static bool IsTo(MimeMessage message, string address) =>
        message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase));

    /// <summary>A sent notice whose deadline is two days away (reminders from three days before: due now), one unit not acknowledged.</summary>
    private Task SeedNoticeDueForReminderAsync(string address) => factory.WithAsync(async sp =>
    {
        var id = await factory.CreateNoticeAsync(factory.Directory.AddSchools(1).GroupId);
        var db = sp.GetRequiredService<NoticesDbContext>();
        var notice = await db.Notices.FindAsync(id) ?? throw new InvalidOperationException("notice gone");
        var now = DateTime.UtcNow;
        notice.Status = NoticeStatus.Completed;
        notice.ResponseDeadlineUtc = now.AddDays(2);
        notice.SendingStartedUtc = now.AddDays(-1);
        notice.SentBy = notice.CreatedBy;
        notice.LinkBaseUrl = DeliverySiteFactory.LinkBase;
        notice.RecipientCount = 1;
        db.NoticeRecipients.Add(new NoticeRecipient
        {
            NoticeId = id, Email = address, ContactName = "Văn thư", OrganisationId = 77, OrganisationCode = "MN77",
            OrganisationName = "Trường Mầm non Hoa Sen", Status = DeliveryStatus.Sent, Attempts = 1, SentUtc = now.AddDays(-1),
        });
        await db.SaveChangesAsync();
    });

    private static async Task WaitUntilAsync(Func<bool> done, string what, TimeSpan? limit = null)
    {
        // Generous: site set-up and the first lane on two shared cores.
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(120));
        while (!done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited in vain for {what}");
            await Task.Delay(50);
        }
    }
}
