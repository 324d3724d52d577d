using ChildProtection.Core.Modules;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// Whether this node has finished start-up (migrations, unattended setup, the hosted services that need the
/// database). While it has not, requests other than health answer 503 and the hosted services registered after
/// <see cref="SitePreparation"/> wait here to be started in their order.
/// </summary>
public sealed class SiteStartupState
{
    private readonly object gate = new();
    private readonly List<DeferredHostedService> pending = [];
    private volatile bool ready;

    public bool IsReady => ready;

    /// <summary>What the node is waiting for, shown in /health/ready.</summary>
    public string Waiting { get; internal set; } = "preparing the database";

    /// <summary>False when start-up is already done: the caller starts at once, in the host's own order.</summary>
    internal bool TryDefer(DeferredHostedService service)
    {
        lock (gate)
        {
            if (ready) return false;
            pending.Add(service);
            return true;
        }
    }

    /// <summary>Marks the preparation done and hands back the services that waited for it, in registration order.</summary>
    internal IReadOnlyList<DeferredHostedService> MarkPrepared()
    {
        lock (gate)
        {
            ready = true;
            var waiting = pending.ToList();
            pending.Clear();
            return waiting;
        }
    }
}

/// <summary>/health/ready answers 503 until start-up is done (the database may still be unreachable).</summary>
internal sealed class SiteStartupReadiness(SiteStartupState state) : IReadinessCheck
{
    public string Name => "startup";

    public Task<(bool Ready, string? Detail)> CheckAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        Task.FromResult<(bool, string?)>(state.IsReady ? (true, null) : (false, state.Waiting));
}
