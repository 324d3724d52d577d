using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ChildProtection.Core.Modules;

namespace ChildProtection.Bench;

/// <summary>
/// PostgreSQL, Redis and HAProxy for the scaleout scenario, each a child process on 127.0.0.1 with its files
/// in a temp folder (the same approach as tools/test.sh: initdb as the postgres user when run as root,
/// durability off, random ports). HAProxy runs deploy/haproxy.cfg with loopback ports put in, plus an
/// admin socket the scenario uses to take node 1 out for its one-node phase.
/// </summary>
internal sealed class ScaleOutServices : IAsyncDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "cp-bench-scaleout-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly List<Process> children = [];
    private string? pgBin;
    private string PgData => Path.Combine(root, "pg", "data");

    public string PostgresConnectionString { get; private set; } = "";
    public string Redis { get; private set; } = "";
    public Uri Frontend { get; private set; } = null!;
    public int[] NodePorts { get; } = [SiteProcess.FreePort(), SiteProcess.FreePort()];
    public string AdminSocket => Path.Combine(root, "haproxy.sock");

    public async Task StartAsync()
    {
        Directory.CreateDirectory(root);
        await StartPostgresAsync();
        await StartRedisAsync();
        await StartHaproxyAsync();
    }

    private static bool IsRoot => Environment.UserName == "root";

    private async Task StartPostgresAsync()
    {
        pgBin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "postgres")) && File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => new Version(Path.GetFileName(Path.GetDirectoryName(d))! + ".0")).FirstOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql).");
        var pg = Path.Combine(root, "pg");
        Directory.CreateDirectory(PgData);
        Directory.CreateDirectory(Path.Combine(pg, "run"));
        var password = Guid.NewGuid().ToString("N");
        await File.WriteAllTextAsync(Path.Combine(pg, "pw"), password + "\n");
        if (IsRoot) await RunAsync("chown", "-R", "postgres:postgres", root);
        await AsPostgresAsync(Path.Combine(pgBin, "initdb"), "-D", PgData, "-U", "postgres", "--pwfile=" + Path.Combine(pg, "pw"), "-E", "UTF8",
            "--locale=C.UTF-8", "--auth-local=peer", "--auth-host=scram-sha-256");
        var port = SiteProcess.FreePort();
        await File.AppendAllTextAsync(Path.Combine(PgData, "postgresql.conf"), $"""

            listen_addresses = '127.0.0.1'
            unix_socket_directories = '{Path.Combine(pg, "run")}'
            max_connections = 300
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            """);
        await AsPostgresAsync(Path.Combine(pgBin, "pg_ctl"), "-D", PgData, "-l", Path.Combine(pg, "server.log"), "-o", $"-p {port}", "-w", "-t", "60", "start");
        await AsPostgresAsync(Path.Combine(pgBin, "psql"), "-h", Path.Combine(pg, "run"), "-p", port.ToString(), "-U", "postgres", "-d", "postgres", "-q",
            "-c", $"CREATE DATABASE childprotection ENCODING 'UTF8' TEMPLATE template0");
        PostgresConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Password={password};Database=childprotection;Maximum Pool Size=60";
    }

    private async Task StartRedisAsync()
    {
        var port = SiteProcess.FreePort();
        Start("/usr/bin/redis-server", "--bind", "127.0.0.1", "--port", port.ToString(), "--save", "", "--appendonly", "no", "--dir", root,
            "--logfile", Path.Combine(root, "redis.log"));
        await WaitListeningAsync(port, "Redis");
        Redis = $"127.0.0.1:{port}";
    }

    private async Task StartHaproxyAsync()
    {
        var front = SiteProcess.FreePort();
        var config = await File.ReadAllTextAsync(Path.Combine(ProjectLayout.FindFolder("deploy", AppContext.BaseDirectory), "haproxy.cfg"));
        config = Regex.Replace(config, @"^(\s*bind ).*$", $"${{1}}127.0.0.1:{front}", RegexOptions.Multiline);
        config = Regex.Replace(config, @"^(\s*server node1 )\S+", $"${{1}}127.0.0.1:{NodePorts[0]}", RegexOptions.Multiline);
        config = Regex.Replace(config, @"^(\s*server node2 )\S+", $"${{1}}127.0.0.1:{NodePorts[1]}", RegexOptions.Multiline);
        config = Regex.Replace(config, @"^global\s*$", $"global\n    stats socket {AdminSocket} level admin", RegexOptions.Multiline);
        var path = Path.Combine(root, "haproxy.cfg");
        await File.WriteAllTextAsync(path, config);
        Start("/usr/sbin/haproxy", "-db", "-f", path);
        await WaitListeningAsync(front, "HAProxy");
        Frontend = new Uri($"http://127.0.0.1:{front}");
    }

    /// <summary>A command on HAProxy's admin socket ("disable server nodes/node1").</summary>
    public async Task<string> HaproxyAsync(string command)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(AdminSocket));
        await socket.SendAsync(System.Text.Encoding.ASCII.GetBytes(command + "\n"));
        var buffer = new byte[8192];
        var read = await socket.ReceiveAsync(buffer);
        return System.Text.Encoding.ASCII.GetString(buffer, 0, read);
    }

    private void Start(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start " + file);
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
        children.Add(process);
    }

    private static async Task WaitListeningAsync(int port, string what)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) { await Task.Delay(100); }
        }
        throw new TimeoutException($"{what} did not listen on 127.0.0.1:{port}");
    }

    private static Task AsPostgresAsync(string file, params string[] args) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", file, .. args]) : RunAsync(file, args);

    private static async Task RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {await error}{await output}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var child in children)
        {
            if (!child.HasExited) { child.Kill(); await child.WaitForExitAsync(); }
            child.Dispose();
        }
        if (pgBin is not null)
        {
            try { await AsPostgresAsync(Path.Combine(pgBin, "pg_ctl"), "-D", PgData, "-m", "fast", "-w", "stop"); }
            catch (InvalidOperationException e) { Console.Error.WriteLine(e.Message); }
        }
        try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
