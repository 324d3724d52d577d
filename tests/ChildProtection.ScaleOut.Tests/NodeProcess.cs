using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace ChildProtection.ScaleOut.Tests;

/// <summary>
/// One node as it is deployed: <c>dotnet ChildProtection.Web.dll --environment Production</c> from the
/// build output, in a process of its own, listening on a fixed loopback port (the one HAProxy sends to),
/// configured through environment variables. It can be stopped gracefully (SIGTERM), killed (SIGKILL) and
/// started again on the same port and data folder. Its console output is kept for failure messages.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> environment;
    private readonly StringBuilder output = new();
    private Process? process;

    public NodeProcess(string name, IPEndPoint endpoint, Dictionary<string, string> environment)
    {
        Name = name;
        BaseAddress = new Uri($"http://{endpoint}");
        this.environment = environment;
    }

    public string Name { get; }
    public Uri BaseAddress { get; }
    public bool Running => process is { HasExited: false };

    /// <summary>The last lines the node wrote (its warnings and errors), for a failure message.</summary>
    public string Tail
    {
        get
        {
            lock (output)
            {
                var text = output.ToString();
                return text.Length > 4000 ? text[^4000..] : text;
            }
        }
    }

    /// <summary>Starts the process and waits until it answers <c>/health/ready</c> with 200.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        if (Running) return;
        var bin = AppContext.BaseDirectory;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = bin, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var a in new[] { Path.Combine(bin, "ChildProtection.Web.dll"), "--environment", "Production", "--urls", BaseAddress.ToString().TrimEnd('/') })
            info.ArgumentList.Add(a);
        foreach (var (k, v) in environment) info.Environment[k] = v;
        var started = Process.Start(info) ?? throw new InvalidOperationException($"Node {Name} did not start.");
        started.OutputDataReceived += (_, e) => Keep(e.Data);
        started.ErrorDataReceived += (_, e) => Keep(e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;

        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            if (started.HasExited) throw new InvalidOperationException($"Node {Name} exited with {started.ExitCode} before it was ready:\n{Tail}");
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Node {Name} was not ready within its time:\n{Tail}");
            await Task.Delay(200);
        }
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (output)
        {
            output.AppendLine(line);
            if (output.Length > 200_000) output.Remove(0, 100_000);
        }
    }

    /// <summary>SIGTERM: the host stops gracefully (job server, lanes release their rows, index writers close).</summary>
    public async Task StopAsync()
    {
        if (process is null) return;
        if (!process.HasExited)
        {
            _ = kill(process.Id, 15);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try { await process.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); await process.WaitForExitAsync(); }
        }
        process.Dispose();
        process = null;
    }

    /// <summary>SIGKILL: the process is gone at once, mid-request and mid-job, as on a power cut.</summary>
    public async Task KillAsync()
    {
        if (process is null) return;
        if (!process.HasExited)
        {
            _ = kill(process.Id, 9);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
