using System.Security.Cryptography;
using System.Text.Json;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Core.Settings;

/// <summary>
/// The site's own random id: made once (at setup, or at the first start of a site that predates it) and
/// never changed, so that what the site stamps on the outside world is its own and nobody else's —
/// Message-IDs today; return-path and link tokens may use it too. Every node of a scale-out site reads the
/// same id from the shared database.
/// </summary>
public interface ISiteIdentity
{
    /// <summary>32 lower-case hex digits (128 random bits), safe in a Message-ID or an address's local part.</summary>
    ValueTask<string> GetSiteIdAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// Keeps the id as the document "SiteIdentity" in the engine's Documents table — its own document, not a
/// field of the site settings, which the admin saves whole from a copy read earlier and could overwrite.
/// Creation is an INSERT on the document's primary key: of several nodes starting at once exactly one
/// insert wins and the others read the winner's id, so the database alone settles it (no node-local id,
/// no lock needed). The id is cached for the process's life once known: it never changes.
/// </summary>
public sealed class SiteIdentity(IServiceScopeFactory scopes) : ISiteIdentity
{
    public const string DocumentName = "SiteIdentity";

    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile string? siteId;

    public async ValueTask<string> GetSiteIdAsync(CancellationToken cancellationToken = default)
    {
        if (siteId is { } known) return known;
        await gate.WaitAsync(cancellationToken);
        try
        {
            return siteId ??= await ReadOrCreateAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<string> ReadOrCreateAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // A fresh context each round: after a lost insert the failed entity must not linger in the tracker.
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CoreDbContext>();
            var stored = await db.Documents.AsNoTracking().Where(d => d.Name == DocumentName).Select(d => d.Data).FirstOrDefaultAsync(cancellationToken);
            if (stored is not null) return Parse(stored);
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            db.Documents.Add(new DocumentRecord
            {
                Name = DocumentName, Data = JsonSerializer.Serialize(new Stored(id)), Version = 1, ModifiedUtc = DateTime.UtcNow,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return id;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another node inserted it between our read and our insert: read theirs in the next round.
            }
        }
    }

    private static string Parse(string json)
    {
        var id = JsonSerializer.Deserialize<Stored>(json)?.SiteId;
        if (id is null || id.Length != 32 || !id.All(Uri.IsHexDigit))
            throw new InvalidOperationException($"The document \"{DocumentName}\" holds no valid site id.");
        return id.ToLowerInvariant();
    }

    private sealed record Stored(string SiteId);
}
