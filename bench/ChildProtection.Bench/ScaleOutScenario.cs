using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace ChildProtection.Bench;

/// <summary>
/// Issue 14's failover under load: PostgreSQL, Redis, HAProxy (deploy/haproxy.cfg) and two site processes,
/// each with its own App:DataPath. Seeds a few pages, a file and searchable items through node A, measures
/// how long a publication on A takes to be found by search on B and whether B serves A's file, then drives
/// 200 connections through HAProxy at cached pages, an uncached page, a download and search for 60 s,
/// killing node A (SIGKILL) at 20 s and starting it again at 40 s. Then 15 s with node 1 taken out of
/// HAProxy (admin socket) for the one-node figure. Prints, last:
/// <c>scenario=scaleout requests=… errors_total=… errors_after_kill_5s=… recover_s=… cross_node_search_ms=…
/// cross_node_file=ok|fail rps_two_nodes=… rps_one_node=…</c>.
/// </summary>
internal static partial class ScaleOutScenario
{
    private const string AdminUser = "quantri";
    private const string AdminPassword = "Mat-khau-bench-2026!";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = BenchArgs.Parse(args, seconds: 60, concurrency: 200);
        var connections = options.Concurrency;
        var seconds = options.Seconds;
        var killAt = seconds / 3.0;
        var restartAt = seconds * 2 / 3.0;

        await using var services = new ScaleOutServices();
        Console.WriteLine("Starting PostgreSQL, Redis and HAProxy …");
        await services.StartAsync();
        var folders = new[] { NewFolder("a"), NewFolder("b") };
        var prefix = "cp-bench-" + Guid.NewGuid().ToString("N")[..8] + ":";
        Dictionary<string, string> Environment(int node)
        {
            var env = new Dictionary<string, string>
            {
                ["Database__Provider"] = "Postgres",
                ["ConnectionStrings__Default"] = services.PostgresConnectionString,
                ["ConnectionStrings__Redis"] = services.Redis,
                ["Redis__Prefix"] = prefix,
                ["App__TrustedProxies"] = "127.0.0.1",
                ["Security__TwoFactorRoles"] = "",
                ["Notices__NodeName"] = node == 0 ? "bench-a" : "bench-b",
            };
            if (node == 0)
            {
                env["Setup__SiteName"] = "Bảo vệ trẻ em thành phố";
                env["Setup__AdminUserName"] = AdminUser;
                env["Setup__AdminEmail"] = "quantri@example.org";
                env["Setup__AdminPassword"] = AdminPassword;
                env["Setup__Recipe"] = "childprotection";
            }
            return env;
        }
        Task<SiteProcess> StartNode(int node) => SiteProcess.StartAsync(folders[node], services.NodePorts[node], Environment(node), "/health/ready");

        Console.WriteLine("Starting node A (sets the site up) and node B …");
        var nodeA = await StartNode(0);
        var nodeB = await StartNode(1);
        try
        {
            await WaitUpAsync(services, 2);
            var cookies = new CookieContainer();
            using var adminA = Browser(nodeA.BaseAddress, cookies);
            await SignInAsync(adminA);

            Console.WriteLine("Seeding pages, a file and searchable items through node A …");
            var word = "tongdai" + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
            string[] pages = ["/bench-gioi-thieu", "/bench-duong-day-nong", "/bench-lien-he"];
            foreach (var (path, i) in pages.Select((p, i) => (p, i)))
                await PublishPageAsync(adminA, $"Trang thử tải {i} {word}", path.TrimStart('/'), $"<p>Tổng đài {word} hỗ trợ trẻ em, trang {i}.</p>");
            var fileUrl = await UploadAsync(adminA);

            using var plainA = Browser(nodeA.BaseAddress, new CookieContainer());
            using var plainB = Browser(nodeB.BaseAddress, new CookieContainer());
            var fromA = await ReadyBytesAsync(plainA, fileUrl);
            var fileOnB = await plainB.GetAsync(fileUrl);
            var fromB = await fileOnB.Content.ReadAsByteArrayAsync();
            var crossNodeFile = fileOnB.StatusCode == HttpStatusCode.OK && fromA.SequenceEqual(fromB);
            Console.WriteLine($"  {fileUrl}: node B answered {(int)fileOnB.StatusCode}, {(crossNodeFile ? "same bytes" : "not the same file")}");

            var fresh = "moi" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
            await PublishPageAsync(adminA, $"Tin mới {fresh}", "bench-" + fresh, $"<p>Thông báo {fresh}.</p>");
            // The result's link, not its title: the search page highlights the searched word inside the title.
            var searchClock = Stopwatch.StartNew();
            var crossNodeSearchMs = -1L;
            while (searchClock.Elapsed < TimeSpan.FromSeconds(30))
            {
                if ((await plainB.GetStringAsync("/tim-kiem?q=" + fresh)).Contains($"href=\"/bench-{fresh}\"")) { crossNodeSearchMs = searchClock.ElapsedMilliseconds; break; }
                await Task.Delay(50);
            }
            Console.WriteLine($"  published on A, found by search on B after {(crossNodeSearchMs < 0 ? "more than 30000" : crossNodeSearchMs.ToString(CultureInfo.InvariantCulture))} ms");

            // Warm both nodes (JIT, caches) so the two-node phase is not the start-up.
            using var load = LoadRunner.Client(services.Frontend, connections);
            string[] mix = [.. pages, "/", pages[0], "/login", fileUrl, "/tim-kiem?q=" + word, pages[1], fileUrl];
            foreach (var path in mix.Concat(mix)) using (await load.GetAsync(path)) { }

            Console.WriteLine($"Load: {connections} connections for {seconds} s through HAProxy; node A killed at {killAt:0} s, started again at {restartAt:0} s …");
            var run = new Timeline(seconds + 30);
            var clock = Stopwatch.StartNew();
            var workers = Enumerable.Range(0, connections).Select(w => WorkerAsync(load, mix, w, clock, TimeSpan.FromSeconds(seconds), run)).ToArray();
            await Task.Delay(TimeSpan.FromSeconds(killAt));
            await nodeA.KillAsync();
            var killedAt = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"  {killedAt:0.0} s: node A killed");
            await Task.Delay(TimeSpan.FromSeconds(restartAt) - clock.Elapsed);
            await nodeA.DisposeAsync();
            var restarting = clock.Elapsed.TotalSeconds;
            nodeA = await StartNode(0);
            Console.WriteLine($"  {restarting:0.0} s: node A started again, ready at {clock.Elapsed.TotalSeconds:0.0} s");
            await Task.WhenAll(workers);
            var total = clock.Elapsed.TotalSeconds;

            // Same mix, node 1 out of HAProxy's rotation: the one-node figure of this run.
            await WaitUpAsync(services, 2);
            Console.WriteLine(await services.HaproxyAsync("disable server nodes/node1"));
            var single = new Timeline(30);
            var singleClock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, connections).Select(w => WorkerAsync(load, mix, w, singleClock, TimeSpan.FromSeconds(15), single)));
            var singleSeconds = singleClock.Elapsed.TotalSeconds;
            await services.HaproxyAsync("enable server nodes/node1");

            var errorsAfter = run.ErrorsFrom(killedAt + 5);
            var lastError = run.LastErrorAfter(killedAt);
            var recover = lastError is null ? 0 : Math.Max(0, lastError.Value - killedAt);
            var twoNodes = run.RequestsBetween(5, killedAt) / (killedAt - 5);
            var oneNode = single.Requests / singleSeconds;
            Console.WriteLine();
            Console.WriteLine("second  requests  errors");
            for (var s = 0; s < (int)Math.Ceiling(total); s++) Console.WriteLine($"{s,6}  {run.RequestsAt(s),8}  {run.ErrorsAt(s),6}");
            foreach (var (status, count) in run.ErrorKinds(0)) Console.WriteLine($"  error {status}: {count}");
            foreach (var (status, count) in run.ErrorKinds(killedAt + 5)) Console.WriteLine($"  from 5 s after the kill, error {status}: {count}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"scenario=scaleout requests={run.Requests} errors_total={run.Errors} errors_after_kill_5s={errorsAfter} recover_s={recover:0.0} " +
                $"cross_node_search_ms={crossNodeSearchMs} cross_node_file={(crossNodeFile ? "ok" : "fail")} rps_two_nodes={twoNodes:0} rps_one_node={oneNode:0}"));
            return 0;
        }
        finally
        {
            await nodeA.DisposeAsync();
            await nodeB.DisposeAsync();
            foreach (var f in folders) try { Directory.Delete(f, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task WorkerAsync(HttpClient client, string[] mix, int worker, Stopwatch clock, TimeSpan duration, Timeline timeline)
    {
        var i = worker;
        while (clock.Elapsed < duration)
        {
            var path = mix[i++ % mix.Length];
            var started = clock.Elapsed.TotalSeconds;
            string? error = null;
            try
            {
                using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
                if (!response.IsSuccessStatusCode) error = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            }
            catch (HttpRequestException e) { error = e.HttpRequestError.ToString(); }
            catch (TaskCanceledException) { error = "timeout"; }
            timeline.Add(started, error);
        }
    }

    /// <summary>Requests and errors per second of the run, by the second each request started in.</summary>
    private sealed class Timeline(int seconds)
    {
        private readonly long[] requests = new long[seconds + 1];
        private readonly long[] errors = new long[seconds + 1];
        private readonly List<(double At, string Kind)> errorList = [];

        public long Requests => requests.Sum();
        public long Errors => errors.Sum();

        public void Add(double at, string? error)
        {
            var s = Math.Min((int)at, requests.Length - 1);
            Interlocked.Increment(ref requests[s]);
            if (error is null) return;
            Interlocked.Increment(ref errors[s]);
            lock (errorList) errorList.Add((at, error));
        }

        public long RequestsAt(int s) => s < requests.Length ? requests[s] : 0;
        public long ErrorsAt(int s) => s < errors.Length ? errors[s] : 0;
        public long RequestsBetween(double from, double to) => Enumerable.Range((int)from, Math.Max(0, (int)to - (int)from)).Sum(s => requests[s]);

        public long ErrorsFrom(double at)
        {
            lock (errorList) return errorList.Count(e => e.At >= at);
        }

        public double? LastErrorAfter(double at)
        {
            lock (errorList) return errorList.Where(e => e.At >= at).Select(e => (double?)e.At).Max();
        }

        public IEnumerable<(string Kind, int Count)> ErrorKinds(double from)
        {
            lock (errorList) return errorList.Where(e => e.At >= from).GroupBy(e => e.Kind).Select(g => (g.Key, g.Count())).ToList();
        }
    }

    private static async Task WaitUpAsync(ScaleOutServices services, int up)
    {
        for (var i = 0; i < 150; i++)
        {
            var stat = await services.HaproxyAsync("show stat");
            var count = stat.Split('\n').Select(l => l.Split(','))
                .Count(c => c.Length > 17 && c[0] == "nodes" && c[1] is "node1" or "node2" && c[17] == "UP");
            if (count == up) return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"HAProxy did not count {up} nodes up");
    }

    private static string NewFolder(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"cp-bench-node-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static HttpClient Browser(Uri address, CookieContainer cookies) =>
        new(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(100) };

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    private static async Task<string> TokenAsync(HttpClient client, string page) =>
        TokenField().Match(await client.GetStringAsync(page)) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No antiforgery token on " + page);

    private static async Task SignInAsync(HttpClient client)
    {
        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = AdminUser, ["Password"] = AdminPassword, ["__RequestVerificationToken"] = await TokenAsync(client, "/login"),
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in answered {(int)response.StatusCode}");
    }

    private static async Task PublishPageAsync(HttpClient admin, string title, string path, string html)
    {
        var response = await admin.PostAsync("/admin/content/new/Page?handler=Publish", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["TitlePart.Title"] = title, ["RoutePart.Path"] = path, ["BodyPart.Html"] = html,
            ["__RequestVerificationToken"] = await TokenAsync(admin, "/admin/content/new/Page"),
        }));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Publishing {path} answered {(int)response.StatusCode}");
    }

    /// <summary>A 1600×1000 poster uploaded through the media admin; returns its public address.</summary>
    private static async Task<string> UploadAsync(HttpClient admin)
    {
        byte[] jpeg;
        using (var image = new Image<Rgb24>(1600, 1000))
        {
            for (var y = 0; y < image.Height; y++)
                for (var x = 0; x < image.Width; x++)
                    image[x, y] = new Rgb24((byte)(x * 255 / image.Width), (byte)(y * 255 / image.Height), (byte)((x ^ y) & 0xFF));
            using var ms = new MemoryStream();
            image.Save(ms, new JpegEncoder { Quality = 85 });
            jpeg = ms.ToArray();
        }
        var file = new ByteArrayContent(jpeg);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(await TokenAsync(admin, "/admin/media")), "__RequestVerificationToken" },
            { new StringContent("bench"), "folder" },
            { file, "files", "Áp phích tổng đài.jpg" },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/media?handler=Upload") { Content = form };
        request.Headers.Accept.ParseAdd("application/json");
        var response = await admin.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"Upload answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("stored")[0].GetProperty("url").GetString()!;
    }

    private static async Task<byte[]> ReadyBytesAsync(HttpClient client, string url)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var response = await client.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.OK) return await response.Content.ReadAsByteArrayAsync();
            await Task.Delay(200);
        }
        throw new TimeoutException(url + " was never ready on node A");
    }
}
