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

namespace ChildProtection.Mail.Tests;

/// <summary>
/// A real SMTP server on 127.0.0.1 (never another interface). <c>answer</c> chooses the reply to the
/// n-th message (0-based): 250 by default, or 451 / 550 to test how failures are sorted.
/// </summary>
internal sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer server;
    private readonly CancellationTokenSource stop = new();
    private readonly Store store;

    private LoopbackSmtpServer(int port, Func<int, SmtpResponse>? answer, (string User, string Password)? account)
    {
        Port = port;
        store = new Store(answer ?? (_ => SmtpResponse.Ok));
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
    public IReadOnlyCollection<MimeMessage> Messages => store.Messages;
    /// <summary>Distinct SMTP sessions that delivered at least one message.</summary>
    public int SessionsUsed => store.Sessions.Count;

    public static async Task<LoopbackSmtpServer> StartAsync(Func<int, SmtpResponse>? answer = null, (string User, string Password)? account = null)
    {
        var result = new LoopbackSmtpServer(FreePort(), answer, account);
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

    public SmtpSettings Settings() => new() { Host = "127.0.0.1", Port = Port, TlsMode = SmtpTlsMode.None, SenderAddress = "vanthu@ldtbxh.example.gov.vn", SenderName = "Phòng Lao động – Thương binh và Xã hội", TimeoutSeconds = 10 };

    public async Task StopAsync()
    {
        server.Shutdown();
        await stop.CancelAsync();
        try { await server.ShutdownTask.WaitAsync(TimeSpan.FromSeconds(10)); }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        if (!server.ShutdownTask.IsCompleted) await StopAsync();
        stop.Dispose();
    }

    private sealed class Store(Func<int, SmtpResponse> answer) : IMessageStore
    {
        private int count;
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();
        public ConcurrentDictionary<ISessionContext, bool> Sessions { get; } = new();

        public Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var response = answer(Interlocked.Increment(ref count) - 1);
            if (response.ReplyCode == SmtpReplyCode.Ok)
            {
                using var stream = new MemoryStream(buffer.ToArray());
                Messages.Enqueue(MimeMessage.Load(stream));
                Sessions.TryAdd(context, true);
            }
            return Task.FromResult(response);
        }
    }

    private sealed class Authenticator(string user, string password) : IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(ISessionContext context, string name, string secret, CancellationToken cancellationToken) =>
            Task.FromResult(name == user && secret == password);
    }
}
