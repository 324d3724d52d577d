namespace ChildProtection.Web.Hosting;

/// <summary>
/// Stands in for a module's hosted service until the site is prepared. When preparation succeeded at the first
/// attempt (the usual start, and every embedded SQLite start) the service starts at once in the host's order, as
/// if it were registered directly. When the database was unreachable the host goes on to listen (health answers,
/// pages say "try again shortly") and the service is created and started only once the database is migrated:
/// nothing that reads a table runs against a database that is not there yet. Created lazily for the same reason:
/// some services open storage in their constructors (Hangfire's server).
/// </summary>
public sealed class DeferredHostedService(IServiceProvider services, ServiceDescriptor descriptor, SiteStartupState state) : IHostedService, IAsyncDisposable
{
    private readonly object gate = new();
    private IHostedService? inner;
    private bool stopping;

    /// <summary>The module's own service once it was created (null while it is deferred); tests reach it through this.</summary>
    public IHostedService? Inner
    {
        get { lock (gate) return inner; }
    }

    public string Name => (descriptor.ImplementationType ?? descriptor.ImplementationInstance?.GetType())?.Name ?? descriptor.ToString();

    public Task StartAsync(CancellationToken cancellationToken) =>
        state.TryDefer(this) ? Task.CompletedTask : StartNowAsync(cancellationToken);

    internal async Task StartNowAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (stopping || inner is not null) return;
            inner = Create();
        }
        await inner.StartAsync(cancellationToken);
    }

    private IHostedService Create() => descriptor switch
    {
        { ImplementationInstance: IHostedService instance } => instance,
        { ImplementationFactory: { } factory } => (IHostedService)factory(services),
        { ImplementationType: { } type } => (IHostedService)ActivatorUtilities.CreateInstance(services, type),
        _ => throw new InvalidOperationException($"Hosted service {descriptor} cannot be created."),
    };

    public Task StopAsync(CancellationToken cancellationToken)
    {
        IHostedService? started;
        lock (gate)
        {
            stopping = true;
            started = inner;
        }
        return started?.StopAsync(cancellationToken) ?? Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        // An instance or a factory's product belongs to the container that handed it out; one we built, to us.
        if (descriptor.ImplementationType is null) return;
        switch (inner)
        {
            case IAsyncDisposable asyncDisposable: await asyncDisposable.DisposeAsync(); break;
            case IDisposable disposable: disposable.Dispose(); break;
        }
    }

    /// <summary>Wraps every hosted service registered after <see cref="SitePreparation"/>.</summary>
    public static void WrapAfterPreparation(IServiceCollection services)
    {
        var preparation = -1;
        for (var i = 0; i < services.Count; i++)
        {
            var d = services[i];
            if (d.ServiceType != typeof(IHostedService) || d.IsKeyedService) continue;
            if (d.ImplementationType == typeof(SitePreparation)) { preparation = i; continue; }
            if (preparation < 0) continue;
            var original = d;
            services[i] = ServiceDescriptor.Singleton<IHostedService>(sp =>
                new DeferredHostedService(sp, original, sp.GetRequiredService<SiteStartupState>()));
        }
        if (preparation < 0) throw new InvalidOperationException("SitePreparation must be registered before the modules' hosted services.");
    }
}
