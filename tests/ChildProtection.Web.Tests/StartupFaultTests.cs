using System.Net;
using ChildProtection.Testing;
using Npgsql;
using Xunit;

namespace ChildProtection.Web.Tests;

/// <summary>
/// A node started while PostgreSQL is unreachable waits for it (live, not ready, a plain 503 for pages) and
/// finishes its start once it answers; two nodes started together on an empty database migrate and set the
/// site up once between them (the migration lock).
/// </summary>
public sealed class StartupFaultTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static SiteFactory UnattendedNode(string connectionString)
    {
        var node = new SiteFactory { PostgresConnectionString = connectionString };
        node.Settings["Setup:AdminUserName"] = SiteFactory.AdminUser;
        node.Settings["Setup:AdminPassword"] = SiteFactory.AdminPassword;
        node.Settings["Setup:AdminEmail"] = "quantri@example.org";
        return node;
    }

    [PostgresFact]
    public async Task A_node_started_while_PostgreSQL_refuses_waits_answers_503_then_becomes_ready()
    {
        await using var database = await PostgresDatabase.CreateAsync("cp_start");
        var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var proxy = new LoopbackProxy(target.Host!, target.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port }.ConnectionString;

        using var node = UnattendedNode(throughProxy);
        // The factory returns although the database refuses: the node listens and waits.
        using var http = node.CreateClient(new() { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        var notReady = await http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Contains("database unreachable", await notReady.Content.ReadAsStringAsync());
        var page = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.NotNull(page.Headers.RetryAfter);
        var body = await page.Content.ReadAsStringAsync();
        Assert.Contains("Trang đang khởi động", body);
        Assert.DoesNotContain("Exception", body);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/login")).StatusCode);

        proxy.Open();
        await WaitUntilReadyAsync(http);
        // Migrated, set up by the unattended setup, and serving: the home page and a sign-in.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);
        using var admin = node.CreateSiteClient();
        await admin.SignInAsync(SiteFactory.AdminUser, SiteFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/admin")).StatusCode);
    }

    [PostgresFact]
    public async Task Two_nodes_started_together_on_an_empty_database_migrate_and_set_up_once()
    {
        await using var database = await PostgresDatabase.CreateAsync("cp_twostart");
        using var nodeA = UnattendedNode(database.ConnectionString);
        using var nodeB = UnattendedNode(database.ConnectionString);

        // Both hosts start at the same moment on two threads; each start runs its own migrations and setup.
        var clients = await Task.WhenAll(
            Task.Run(() => nodeA.CreateClient(new() { AllowAutoRedirect = false })),
            Task.Run(() => nodeB.CreateClient(new() { AllowAutoRedirect = false })));
        foreach (var http in clients)
        {
            await WaitUntilReadyAsync(http);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);
        }

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT COUNT(*) FROM \"AspNetUsers\""));
        // The recipe's items exist once each (a second setup would have created every one again).
        Assert.True(await ScalarAsync(connection, "SELECT COUNT(*) FROM \"ContentItems\" WHERE \"Latest\"") > 0);
        Assert.Equal(0L, await ScalarAsync(connection,
            "SELECT COUNT(*) FROM (SELECT 1 FROM \"ContentItems\" WHERE \"Latest\" GROUP BY \"ContentType\", \"DisplayText\" HAVING COUNT(*) > 1) AS twice"));
        Assert.Equal(1L, await ScalarAsync(connection, "SELECT COUNT(*) FROM \"ContentItems\" WHERE \"Latest\" AND \"ContentItemId\" = 'pagehome'"));

        using var admin = nodeB.CreateSiteClient();
        await admin.SignInAsync(SiteFactory.AdminUser, SiteFactory.AdminPassword);
        foreach (var http in clients) http.Dispose();
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task WaitUntilReadyAsync(HttpClient http)
    {
        var until = DateTime.UtcNow + Patience;
        string last = "";
        while (DateTime.UtcNow < until)
        {
            var response = await http.GetAsync("/health/ready");
            if (response.StatusCode == HttpStatusCode.OK) return;
            last = await response.Content.ReadAsStringAsync();
            await Task.Delay(250);
        }
        throw new TimeoutException($"The node did not become ready: {last}");
    }
}
