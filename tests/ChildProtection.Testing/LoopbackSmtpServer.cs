using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ChildProtection.Testing;

/// <summary>One message offered to the server: its place in the server's life (0-based) and its envelope recipients.</summary>
public sealed record SmtpCall(int Index, IReadOnlyList<string> Recipients);

/// <summary>One accepted message: when the server took it (UTC) and its envelope recipients.</summary>
public sealed record SmtpReceipt(DateTime AtUtc, IReadOnlyList<string> Recipients);

/// <summary>
/// A real SMTP server on 127.0.0.1 (never another interface), shared by the mail tests, the notice
/// delivery tests and the benchmark. <c>answer</c> chooses the reply to each message: 250 by default, or
/// 451 / 550 to test how failures are sorted. It can be stopped and started again on the same port, and
/// slowed down so a test can act while a notice is in the middle of being sent.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer server;
    private readonly CancellationTokenSource stop = new();
    private readonly Store store;
    private volatile bool stopping;

    private LoopbackSmtpServer(int port, Func<SmtpCall, SmtpResponse> answer, (string User, string Password)? account)
    {
        Port = port;
        store = new Store(answer, this);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port)).AuthenticationRequired(account is not null).AllowUnsecureAuthentication(account is not null))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        if (account is { } a) services.Add(new Authenticator(a.User, a.Password));
        server = new SmtpServer.SmtpServer(options, services);
    }

    public int Port { get; }
    /// <summary>Messages accepted (250), in arrival order.</summary>
    public IReadOnlyCollection<MimeMessage> Messages => store.Messages;
    /// <summary>The envelope sender (MAIL FROM) of each accepted message, in the order of <see cref="Messages"/>.</summary>
    public IReadOnlyCollection<string> EnvelopeSenders => store.EnvelopeSenders;
    /// <summary>Every message offered, accepted or not.</summary>
    public int Offered => store.Count;
    /// <summary>Distinct SMTP sessions that delivered at least one message.</summary>
    public int SessionsUsed => store.Sessions.Count;
    /// <summary>Accepted messages with the time each was taken, in arrival order.</summary>
    public IReadOnlyCollection<SmtpReceipt> Receipts => store.Receipts;
    /// <summary>
    /// The most messages that were with the server at one time for each recipient domain (lower case), counted
    /// from the end of DATA to the answer — so set <see cref="Delay"/> for overlaps to show.
    /// </summary>
    public IReadOnlyDictionary<string, int> MostConcurrentByDomain => store.MostConcurrent;
    /// <summary>How long the server waits before answering each message (0 by default).</summary>
    public TimeSpan Delay { get; set; }

    public static Task<LoopbackSmtpServer> StartAsync(Func<int, SmtpResponse>? answer = null, (string User, string Password)? account = null, int? port = null) =>
        StartAnsweringAsync(answer is null ? _ => SmtpResponse.Ok : call => answer(call.Index), account, port);

    /// <summary>Like <see cref="StartAsync"/>, with an answer that may look at the envelope (refuse one mailbox, say).</summary>
    public static async Task<LoopbackSmtpServer> StartAnsweringAsync(Func<SmtpCall, SmtpResponse> answer, (string User, string Password)? account = null, int? port = null)
    {
        var result = new LoopbackSmtpServer(port ?? FreePort(), answer, account);
        _ = result.server.StartAsync(result.stop.Token);
        await WaitListeningAsync(result.Port);
        return result;
    }

    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private static async Task WaitListeningAsync(int port)
    {
        for (var i = 0; i < 100; i++)
        {
            // A bare connect-and-close: the server sees a session that sends no message.
            using var client = new TcpClient();
            try { await client.ConnectAsync(IPAddress.Loopback, port); return; }
            catch (SocketException) { await Task.Delay(50); }
        }
        throw new InvalidOperationException($"The test SMTP server did not start listening on port {port}.");
    }

    /// <summary>
    /// Goes down the way a real server does: messages offered from now on are held, and after a moment the
    /// connections are closed (the held ones answered 421 if the socket still takes it). Cancelling a session
    /// in the middle of DATA would make SmtpServer answer 554, a permanent refusal no real server gives for
    /// its own shutdown.
    /// </summary>
    public async Task StopAsync()
    {
        stopping = true;
        await Task.Delay(300);
        server.Shutdown();
        await stop.CancelAsync();
        try { await server.ShutdownTask.WaitAsync(TimeSpan.FromSeconds(10)); }
        catch (OperationCanceledException) { }
        catch (TimeoutException) { }
    }

    public async ValueTask DisposeAsync()
    {
        if (!server.ShutdownTask.IsCompleted) await StopAsync();
        stop.Dispose();
    }

    private sealed class Store(Func<SmtpCall, SmtpResponse> answer, LoopbackSmtpServer owner) : IMessageStore
    {
        private int count;
        public int Count => Volatile.Read(ref count);
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();
        public ConcurrentQueue<string> EnvelopeSenders { get; } = new();
        public ConcurrentDictionary<ISessionContext, bool> Sessions { get; } = new();
        public ConcurrentQueue<SmtpReceipt> Receipts { get; } = new();
        public ConcurrentDictionary<string, int> MostConcurrent { get; } = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> inFlight = new(StringComparer.Ordinal);

        public async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var domains = transaction.To.Select(m => m.Host.ToLowerInvariant()).Distinct().ToList();
            lock (inFlight)
            {
                foreach (var d in domains)
                {
                    var now = inFlight[d] = inFlight.GetValueOrDefault(d) + 1;
                    MostConcurrent.AddOrUpdate(d, now, (_, most) => Math.Max(most, now));
                }
            }
            try { return await SaveCountedAsync(context, transaction, buffer, cancellationToken); }
            finally
            {
                lock (inFlight) foreach (var d in domains) inFlight[d]--;
            }
        }

        private async Task<SmtpResponse> SaveCountedAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (owner.Delay > TimeSpan.Zero)
            {
                try { await Task.Delay(owner.Delay, cancellationToken); }
                // Stopping while a message waits: say what a real server says when going down (a store that
                // throws would make SmtpServer answer 554, a permanent refusal no real shutdown gives).
                catch (OperationCanceledException) { return new SmtpResponse((SmtpReplyCode)421, "4.3.2 Service shutting down"); }
            }
            if (owner.stopping)
            {
                // Hold the message until the connections close, so no client is halfway through DATA then.
                try { await Task.Delay(Timeout.Infinite, cancellationToken); } catch (OperationCanceledException) { }
                return new SmtpResponse((SmtpReplyCode)421, "4.3.2 Service shutting down");
            }
            var recipients = transaction.To.Select(m => $"{m.User}@{m.Host}").ToList();
            var response = answer(new SmtpCall(Interlocked.Increment(ref count) - 1, recipients));
            if (response.ReplyCode == SmtpReplyCode.Ok)
            {
                using var stream = new MemoryStream(buffer.ToArray());
                // Not cancellable: a message answered 250 is a message kept.
                lock (EnvelopeSenders)
                {
                    Messages.Enqueue(MimeMessage.Load(stream));
                    EnvelopeSenders.Enqueue(transaction.From is { } from ? $"{from.User}@{from.Host}" : "");
                    Receipts.Enqueue(new SmtpReceipt(DateTime.UtcNow, recipients));
                }
                Sessions.TryAdd(context, true);
            }
            return response;
        }
    }

    private sealed class Authenticator(string user, string password) : IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(ISessionContext context, string name, string secret, CancellationToken cancellationToken) =>
            Task.FromResult(name == user && secret == password);
    }
}
