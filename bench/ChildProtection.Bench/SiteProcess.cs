using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace ChildProtection.Bench;

/// <summary>
/// The site as it is deployed — <c>dotnet ChildProtection.Web.dll</c> with its own runtimeconfig — in a
/// process of its own on 127.0.0.1, on a data folder this process prepared. Lets a scenario measure the
/// site's memory without the benchmark's own code, client or seeding in the figures.
/// </summary>
internal sealed class SiteProcess : IAsyncDisposable
{
    private readonly Process process;
    public Uri BaseAddress { get; }
    public int Id => process.Id;

    private SiteProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>The KEY=value lines of the published site's <c>runtime.env</c> (comments and blank lines skipped).</summary>
    internal static IEnumerable<(string Key, string Value)> RuntimeEnvironment(string bin)
    {
        var file = Path.Combine(bin, "runtime.env");
        if (!File.Exists(file)) throw new FileNotFoundException("The site's runtime.env is not beside ChildProtection.Web.dll.", file);
        foreach (var raw in File.ReadAllLines(file))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var eq = line.IndexOf('=');
            if (eq > 0) yield return (line[..eq].Trim(), line[(eq + 1)..].Trim());
        }
    }

    public static Task<SiteProcess> StartAsync(string dataPath) => StartAsync(dataPath, FreePort(), null, "/health/live");

    /// <summary>
    /// A node of a scale-out site (the scaleout scenario): on <paramref name="port"/> (the one the load balancer
    /// sends to), with its configuration in <paramref name="environment"/>, ready when <paramref name="readyPath"/>
    /// answers 200.
    /// </summary>
    public static async Task<SiteProcess> StartAsync(string dataPath, int port, IDictionary<string, string>? environment, string readyPath)
    {
        // BENCH_SITE_DIR: a published site (e.g. ReadyToRun) instead of the build output beside the bench.
        var bin = Environment.GetEnvironmentVariable("BENCH_SITE_DIR") is { Length: > 0 } published ? published : AppContext.BaseDirectory;
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = bin, UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(bin, "ChildProtection.Web.dll"), "--environment", "Production", "--urls", $"http://127.0.0.1:{port}" })
            info.ArgumentList.Add(a);
        // The runtime settings the systemd units give the deployed site (runtime.env beside the dll), unless
        // the bench was started with its own value for one of them.
        foreach (var (k, v) in RuntimeEnvironment(bin))
            if (Environment.GetEnvironmentVariable(k) is null) info.Environment[k] = v;
        info.Environment["App__DataPath"] = dataPath;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning";
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the site.");
        // Its log (warnings only) is not part of the benchmark's table.
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var site = new SiteProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var client = new HttpClient { BaseAddress = site.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The site exited with {process.ExitCode} before it answered.");
            try
            {
                if ((await client.GetAsync(readyPath)).IsSuccessStatusCode) return site;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline)
            {
                await site.DisposeAsync();
                throw new TimeoutException($"The site did not answer {readyPath} within 3 minutes.");
            }
            await Task.Delay(250);
        }
    }

    /// <summary>VmRSS and RssAnon of the site process, in MB (from /proc/PID/status).</summary>
    public (double Resident, double Anon) ResidentMegabytes()
    {
        double resident = 0, anon = 0;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) resident = Kilobytes(line) / 1024.0;
                else if (line.StartsWith("RssAnon:", StringComparison.Ordinal)) anon = Kilobytes(line) / 1024.0;
            }
        }
        catch (IOException) { }
        return (resident, anon);
    }

    /// <summary>
    /// VmRSS split into anonymous, file-backed and shared memory, in MB, and the thread count (/proc/PID/status).
    /// Shared is mostly the runtime's W^X double mapping of jitted code (<c>/memfd:doublemapper</c>).
    /// </summary>
    public ProcessStatus Status()
    {
        double resident = 0, anon = 0, file = 0, shared = 0;
        var threads = 0;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) resident = Kilobytes(line) / 1024.0;
                else if (line.StartsWith("RssAnon:", StringComparison.Ordinal)) anon = Kilobytes(line) / 1024.0;
                else if (line.StartsWith("RssFile:", StringComparison.Ordinal)) file = Kilobytes(line) / 1024.0;
                else if (line.StartsWith("RssShmem:", StringComparison.Ordinal)) shared = Kilobytes(line) / 1024.0;
                else if (line.StartsWith("Threads:", StringComparison.Ordinal)) threads = (int)Kilobytes(line);
            }
        }
        catch (IOException) { }
        return new ProcessStatus(resident, anon, file, shared, threads);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line[(line.IndexOf(':') + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);

    /// <summary>SIGKILL: gone at once, mid-request, as on a power cut.</summary>
    public async Task KillAsync()
    {
        if (process.HasExited) return;
        _ = kill(process.Id, 9);
        await process.WaitForExitAsync();
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            // SIGTERM: the host stops gracefully (the job server, the index writers close their files).
            _ = kill(process.Id, 15);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await process.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); }
        }
        process.Dispose();
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}

/// <summary>One reading of the site process's memory and threads.</summary>
internal readonly record struct ProcessStatus(double Resident, double Anon, double File, double Shared, int Threads);
