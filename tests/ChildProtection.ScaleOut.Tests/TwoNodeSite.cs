using System.Globalization;
using System.Net;
using ChildProtection.Web.Tests;
using Npgsql;

namespace ChildProtection.ScaleOut.Tests;

/// <summary>
/// Two site processes on one PostgreSQL database and one Redis (a prefix of their own), node A on the first
/// port HAProxy sends to and node B on the second, each with its own <c>App:DataPath</c>. Node A sets the site
/// up unattended (<c>Setup:*</c>); B starts on the set-up database. Started once for the whole collection
/// (a node takes seconds to start); a test that stops or kills a node starts it again through
/// <see cref="BothUpAsync"/>, which every test calls first.
/// </summary>
public sealed class TwoNodeSite : IAsyncLifetime
{
    public const string AdminUser = "quantri";
    public const string AdminPassword = "Mat-khau-cum-2026!";

    private readonly List<TempFolder> folders = [];
    private readonly CookieContainer adminCookies = new();
    private PostgresDatabase? database;

    public NodeProcess A { get; private set; } = null!;
    public NodeProcess B { get; private set; } = null!;
    public Uri Frontend { get; } = ClusterServices.Frontend;
    public string ConnectionString => database!.ConnectionString;

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("cp_cluster");
        var prefix = $"cp-cluster-{Guid.NewGuid():N}:";
        var nodes = ClusterServices.Nodes;
        Dictionary<string, string> Environment(string name)
        {
            var folder = new TempFolder("cp-node-" + name);
            folders.Add(folder);
            return new()
            {
                ["App__DataPath"] = folder.Path,
                ["Database__Provider"] = "Postgres",
                // Two nodes and their job servers share the test server with every other test project.
                ["ConnectionStrings__Default"] = new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 30 }.ConnectionString,
                ["ConnectionStrings__Redis"] = TestServices.Require(TestServices.RedisVariable, "Redis"),
                ["Redis__Prefix"] = prefix,
                // HAProxy connects from loopback; its X-Forwarded-For names the visitor.
                ["App__TrustedProxies"] = "127.0.0.1",
                ["Security__TwoFactorRoles"] = "",
                ["Jobs__PollSeconds"] = "1",
                ["Notices__NodeName"] = "node-" + name,
                ["Logging__LogLevel__Default"] = "Warning",
                ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            };
        }
        var a = Environment("a");
        a["Setup__SiteName"] = "Bảo vệ trẻ em thành phố";
        a["Setup__AdminUserName"] = AdminUser;
        a["Setup__AdminEmail"] = "quantri@example.org";
        a["Setup__AdminPassword"] = AdminPassword;
        a["Setup__Recipe"] = "childprotection";
        A = new NodeProcess("a", nodes[0], a);
        B = new NodeProcess("b", nodes[1], Environment("b"));
        await A.StartAsync();
        await B.StartAsync();
        await WaitForBalancerAsync(up: 2);
        using var admin = Admin(A);
        await admin.SignInAsync(AdminUser, AdminPassword);
    }

    /// <summary>Starts whichever node a previous test stopped, and waits until HAProxy sends to both again.</summary>
    public async Task BothUpAsync()
    {
        if (!A.Running) await A.StartAsync();
        if (!B.Running) await B.StartAsync();
        await WaitForBalancerAsync(up: 2);
    }

    /// <summary>Waits until HAProxy's checks count <paramref name="up"/> nodes up (checks every 500 ms, 2 to rise or fall).</summary>
    public static async Task WaitForBalancerAsync(int up, int seconds = 30)
    {
        using var stats = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var last = "";
        while (true)
        {
            last = await stats.GetStringAsync(ClusterServices.Stats);
            var count = last.Split('\n').Select(l => l.Split(','))
                .Count(c => c.Length > 17 && c[0] == "nodes" && c[1] is "node1" or "node2" && c[17].StartsWith("UP", StringComparison.Ordinal) && c[17] != "UP 1/2");
            if (count == up) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"HAProxy did not count {up} nodes up within {seconds} s:\n{last}");
            await Task.Delay(200);
        }
    }

    /// <summary>The administrator, signed in (one cookie jar for every address: the key ring is shared, so one sign-in holds on every node).</summary>
    public SiteClient Admin(NodeProcess node) => Admin(node.BaseAddress);

    public SiteClient Admin(Uri address) => new(new HttpClient(new SocketsHttpHandler { CookieContainer = adminCookies, AllowAutoRedirect = false })
    {
        BaseAddress = address, Timeout = TimeSpan.FromSeconds(100),
    });

    /// <summary>A visitor with a cookie jar of its own.</summary>
    public static SiteClient Visitor(Uri address) => new(new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
    {
        BaseAddress = address, Timeout = TimeSpan.FromSeconds(100),
    });

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 120 };
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        if (A is not null) await A.StopAsync();
        if (B is not null) await B.StopAsync();
        if (database is not null) await database.DisposeAsync();
        foreach (var folder in folders) folder.Dispose();
    }
}

/// <summary>
/// One two-node site for every class here, and the classes one after another: each drives two site
/// processes (and one of them kills a node) on a two-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TwoNodeCollection : ICollectionFixture<TwoNodeSite>
{
    public const string Name = "Two nodes behind HAProxy";
}
