using ChildProtection.Audit.Data;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Audit.Trail;

/// <summary>Writes entries at once in their own short save; a failure is logged, never thrown at the action that was audited.</summary>
internal sealed class AuditTrail(AuditDbContext db, TimeProvider clock, ILogger<AuditTrail> logger) : IAuditTrail
{
    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        var row = new AuditEvent
        {
            AtUtc = clock.GetUtcNow().UtcDateTime,
            Actor = Cut(string.IsNullOrWhiteSpace(entry.Actor) ? SystemActor : entry.Actor, 256)!,
            Category = Cut(entry.Category, 50)!,
            Action = Cut(entry.Action, 50)!,
            SubjectId = Cut(entry.SubjectId, 256),
            SubjectTitle = Cut(entry.SubjectTitle, 1024),
            Detail = Cut(entry.Detail, 4000),
            Address = Cut(entry.Address, 100),
        };
        try
        {
            db.AuditEvents.Add(row);
            // Not the caller's token: the action already happened, its record must not be lost to a closed tab.
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex)
        {
            db.Entry(row).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
            logger.LogError(ex, "Could not record audit entry {Action} by {Actor} on {Subject}", row.Action, row.Actor, row.SubjectId);
        }
    }

    /// <summary>The actor of work nobody did by hand (recipes, scheduled publishing).</summary>
    public const string SystemActor = "(hệ thống)";

    private static string? Cut(string? value, int max) => value is { } v && v.Length > max ? v[..max] : value;
}
