using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ChildProtection.Bench;

/// <summary>
/// The SMTP server both sides of the notices benchmark send to: a minimal SMTP receiver on 127.0.0.1
/// that accepts and counts every message (EHLO with PIPELINING, MAIL, RCPT, DATA, RSET, NOOP, QUIT).
/// Written here rather than taken from the SmtpServer package because that one answered each message
/// about 50 ms late on loopback (small replies held back by Nagle's algorithm against delayed ACKs),
/// which would have measured the sink instead of the senders. It runs in a child process (this program
/// with the argument <c>smtp-sink</c>) so that neither its CPU nor its memory is counted against the
/// pipeline. The child prints its port, then the count of messages received whenever a line arrives on stdin.
/// </summary>
internal static class SmtpSink
{
    private static long received;
    // Messages per Message-ID: the notices-crash scenario counts who got a notice twice by it (stable across retries).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> byMessageId = new();

    public static async Task<int> RunChildAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(512);
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var stop = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Socket socket;
                try { socket = await listener.AcceptSocketAsync(stop.Token); }
                catch (OperationCanceledException) { break; }
                socket.NoDelay = true;
                _ = Task.Run(() => ServeAsync(socket));
            }
        });
        Console.WriteLine(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        while (await Console.In.ReadLineAsync() is { } line && line != "quit")
        {
            // "ids": every Message-ID received more than once with its count, then the number of distinct ids, on one line.
            if (line == "ids")
                Console.WriteLine(string.Join(" ", byMessageId.Where(kv => kv.Value > 1).Select(kv => $"{kv.Key}={kv.Value}").Prepend(byMessageId.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            else Console.WriteLine(Interlocked.Read(ref received).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        await stop.CancelAsync();
        listener.Stop();
        try { await accepting; } catch (OperationCanceledException) { }
        return 0;
    }

    private static async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var reader = new LineReader(stream);
        await WriteAsync(stream, "220 localhost ESMTP bench sink\r\n");
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO": await WriteAsync(stream, "250-localhost\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-SIZE 52428800\r\n250 SMTPUTF8\r\n"); break;
                    case "HELO": await WriteAsync(stream, "250 localhost\r\n"); break;
                    case "DATA":
                        await WriteAsync(stream, "354 end with <CRLF>.<CRLF>\r\n");
                        string? messageId = null;
                        var inHeaders = true;
                        while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                        {
                            if (dataLine.Length == 0) inHeaders = false;
                            else if (inHeaders && messageId is null && dataLine.StartsWith("Message-ID:", StringComparison.OrdinalIgnoreCase))
                                messageId = dataLine[11..].Trim().Trim('<', '>');
                        }
                        // A connection cut in the middle of DATA (the sender was killed) never gets here: not received.
                        Interlocked.Increment(ref received);
                        if (messageId is not null) byMessageId.AddOrUpdate(messageId, 1, (_, n) => n + 1);
                        await WriteAsync(stream, "250 2.0.0 queued\r\n");
                        break;
                    case "QUIT": await WriteAsync(stream, "221 bye\r\n"); return;
                    default: await WriteAsync(stream, "250 ok\r\n"); break;
                }
            }
        }
        catch (IOException) { }
    }

    private static Task WriteAsync(Stream stream, string reply) => stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(reply)).AsTask();

    /// <summary>CRLF lines from a buffered stream, without allocating per byte.</summary>
    private sealed class LineReader(Stream stream)
    {
        private readonly byte[] buffer = new byte[64 * 1024];
        private int start, end;

        public async Task<string?> ReadLineAsync()
        {
            var line = new System.Text.StringBuilder();
            while (true)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
                if (newline >= 0)
                {
                    var length = newline - start;
                    if (length > 0 && buffer[newline - 1] == '\r') length--;
                    line.Append(System.Text.Encoding.Latin1.GetString(buffer, start, length));
                    start = newline + 1;
                    return line.ToString();
                }
                line.Append(System.Text.Encoding.Latin1.GetString(buffer, start, end - start));
                start = 0;
                end = await stream.ReadAsync(buffer);
                if (end == 0) return null;
            }
        }
    }
}

/// <summary>The parent's handle on the sink process.</summary>
internal sealed class SinkProcess : IAsyncDisposable
{
    private readonly Process process;
    public int Port { get; }

    private SinkProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public static async Task<SinkProcess> StartAsync()
    {
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        // Run as `dotnet Bench.dll smtp-sink` when started through the dotnet host.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") info.ArgumentList.Add(typeof(SmtpSink).Assembly.Location);
        info.ArgumentList.Add("smtp-sink");
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the SMTP sink.");
        var first = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The SMTP sink did not start.");
        return new SinkProcess(process, int.Parse(first, System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<long> ReceivedAsync()
    {
        await process.StandardInput.WriteLineAsync("count");
        await process.StandardInput.FlushAsync();
        return long.Parse((await process.StandardOutput.ReadLineAsync())!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Distinct Message-IDs received, and those received more than once with their counts.</summary>
    public async Task<(int Distinct, Dictionary<string, int> Repeated)> MessageIdsAsync()
    {
        await process.StandardInput.WriteLineAsync("ids");
        await process.StandardInput.FlushAsync();
        var parts = (await process.StandardOutput.ReadLineAsync())!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var repeated = parts.Skip(1).Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), repeated);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await process.StandardInput.WriteLineAsync("quit");
            await process.StandardInput.FlushAsync();
            if (!process.WaitForExit(10_000)) process.Kill(entireProcessTree: true);
        }
        catch (IOException) { process.Kill(entireProcessTree: true); }
        process.Dispose();
    }
}
