namespace ChildProtection.Core.Modules;

/// <summary>Something that must work for the site to take traffic (database, job server); reported by /health/ready.</summary>
public interface IReadinessCheck
{
    string Name { get; }
    Task<(bool Ready, string? Detail)> CheckAsync(IServiceProvider services, CancellationToken cancellationToken);
}
