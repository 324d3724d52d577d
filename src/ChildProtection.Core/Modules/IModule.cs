using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Core.Modules;

/// <summary>
/// A capability plugged into the host. The host only lists modules in order; each module registers
/// its own services, middleware and endpoints, and owns its parts, screens, jobs and migrations.
/// </summary>
public interface IModule
{
    string Name { get; }

    void ConfigureServices(IServiceCollection services, IConfiguration configuration);

    /// <summary>Middleware that must run before endpoint routing (rare).</summary>
    void Configure(IApplicationBuilder app) { }

    void MapEndpoints(IEndpointRouteBuilder endpoints) { }
}
