using System.Text.Json;
using ChildProtection.Core.Data;
using ChildProtection.Core.Modules;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChildProtection.Web.Hosting;

/// <summary>/health/ready: every <see cref="IReadinessCheck"/> (database, job server …) must answer.</summary>
public sealed class ReadinessHealthCheck(IEnumerable<IReadinessCheck> checks, IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>();
        var ready = true;
        foreach (var check in checks)
        {
            bool ok; string? detail;
            try { (ok, detail) = await check.CheckAsync(services, cancellationToken); }
            catch (Exception ex) { ok = false; detail = ex.GetBaseException().Message; }
            data[check.Name] = ok ? "ready" : $"not ready: {detail}";
            ready &= ok;
        }
        return ready ? HealthCheckResult.Healthy(data: data) : HealthCheckResult.Unhealthy(data: data);
    }

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.SelectMany(e => e.Value.Data).ToDictionary(d => d.Key, d => d.Value),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}

public sealed class DatabaseReadinessCheck : IReadinessCheck
{
    public string Name => "database";

    public async Task<(bool Ready, string? Detail)> CheckAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        foreach (var database in services.GetServices<IModuleDatabase>())
            if (!await database.CanConnectAsync(services, cancellationToken)) return (false, $"{database.Name} unreachable");
        return (true, null);
    }
}
