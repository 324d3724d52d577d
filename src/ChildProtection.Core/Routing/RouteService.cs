using ChildProtection.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Core.Routing;

/// <summary>Which public paths are taken, by whom, and where old paths lead.</summary>
public interface IRouteService
{
    /// <summary>True when no other item's latest or published version uses the path and it is not reserved.</summary>
    Task<bool> IsAvailableAsync(string path, string contentItemId, CancellationToken cancellationToken = default);
    Task<string> MakeUniqueAsync(string path, string contentItemId, CancellationToken cancellationToken = default);
    bool IsReserved(string path);
}

internal sealed class RouteService(CoreDbContext db) : IRouteService
{
    // First segments the site itself serves; content may not take them.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "admin", "api", "health", "setup", "themes", "media", "login", "logout", "account", "openapi", "hangfire",
        "preview", "search", "tim-kiem", "feed", "rss", "sitemap.xml", "robots.txt", "favicon.ico", "ack", "files",
        "chu-de", "ban-in",
    };

    public bool IsReserved(string path) => Reserved.Contains(path.Split('/')[0]);

    public async Task<bool> IsAvailableAsync(string path, string contentItemId, CancellationToken cancellationToken = default)
    {
        if (IsReserved(path)) return false;
        return !await db.ContentItems.AnyAsync(
            r => r.Path == path && r.ContentItemId != contentItemId && (r.Latest || r.Published) && !r.Removed, cancellationToken);
    }

    public async Task<string> MakeUniqueAsync(string path, string contentItemId, CancellationToken cancellationToken = default)
    {
        if (await IsAvailableAsync(path, contentItemId, cancellationToken)) return path;
        for (var i = 2; i < 1000; i++)
        {
            var candidate = $"{path}-{i}";
            if (await IsAvailableAsync(candidate, contentItemId, cancellationToken)) return candidate;
        }
        return $"{path}-{Guid.NewGuid():N}"[..Math.Min(path.Length + 9, 1024)];
    }
}
