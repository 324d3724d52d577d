using System.Text.Json;
using ChildProtection.Core.Caching;
using ChildProtection.Core.Data;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Metadata;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Core.Settings;

/// <summary>
/// Named JSON documents (site settings, the content definition, module settings). Reads are cached in
/// memory (the tagged cache: a save evicts them on every node of a scale-out site); what
/// <see cref="GetAsync{T}"/> returns is shared and must be treated as read-only — clone before changing it.
/// </summary>
public interface IDocumentStore
{
    Task<T?> GetAsync<T>(string name, CancellationToken cancellationToken = default) where T : class;
    Task SaveAsync<T>(string name, T value, CancellationToken cancellationToken = default) where T : class;
    void ClearCache();
}

internal sealed class DocumentStore(CoreDbContext db, ITaggedCache cache, DocumentCacheGeneration generation, IPublicPageCache pages) : IDocumentStore
{
    private string Key(string name) => $"doc:{generation.Value}:{name}";

    public void ClearCache() => generation.Next();

    public Task<T?> GetAsync<T>(string name, CancellationToken cancellationToken = default) where T : class =>
        // Inside a transaction (a recipe) the document may be uncommitted: read, never keep.
        db.Database.CurrentTransaction is not null
            ? ReadAsync<T>(name, cancellationToken)
            : cache.GetOrCreateAsync<T>(Key(name), [], TimeSpan.FromMinutes(10), () => ReadAsync<T>(name, cancellationToken), _ => 64);

    private async Task<T?> ReadAsync<T>(string name, CancellationToken cancellationToken) where T : class
    {
        var record = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Name == name, cancellationToken);
        return record is null ? null : JsonSerializer.Deserialize<T>(record.Data, ContentDefinitionDocument.Json);
    }

    public async Task SaveAsync<T>(string name, T value, CancellationToken cancellationToken = default) where T : class
    {
        var json = JsonSerializer.Serialize(value, ContentDefinitionDocument.Json);
        var record = await db.Documents.FirstOrDefaultAsync(d => d.Name == name, cancellationToken);
        if (record is null)
        {
            db.Documents.Add(new DocumentRecord { Name = name, Data = json, Version = 1, ModifiedUtc = DateTime.UtcNow });
        }
        else if (record.Data != json)
        {
            record.Data = json;
            record.Version++;
            record.ModifiedUtc = DateTime.UtcNow;
        }
        await db.SaveChangesAsync(cancellationToken);
        // Settings, menus, the theme and content definitions show on every page: every cached page and value
        // goes, this document's included, on every node.
        await pages.EvictAsync([PageCacheTags.Site], CancellationToken.None);
    }
}

/// <summary>Bumping the generation orphans every cached document at once (entries then expire on their own).</summary>
public sealed class DocumentCacheGeneration
{
    private long value;
    public long Value => Interlocked.Read(ref value);
    public void Next() => Interlocked.Increment(ref value);
}
