using System.Text.Json;
using ChildProtection.Core.Caching;
using ChildProtection.Core.Data;
using ChildProtection.Core.Contents;
using ChildProtection.Core.Metadata;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace ChildProtection.Core.Settings;

/// <summary>
/// Named JSON documents (site settings, the content definition, module settings). Reads are cached in
/// memory; what <see cref="GetAsync{T}"/> returns is shared and must be treated as read-only — clone
/// before changing it.
/// </summary>
public interface IDocumentStore
{
    Task<T?> GetAsync<T>(string name, CancellationToken cancellationToken = default) where T : class;
    Task SaveAsync<T>(string name, T value, CancellationToken cancellationToken = default) where T : class;
    void ClearCache();
}

internal sealed class DocumentStore(CoreDbContext db, IMemoryCache cache, DocumentCacheGeneration generation, IPublicPageCache pages) : IDocumentStore
{
    private string Key(string name) => $"doc:{generation.Value}:{name}";

    public void ClearCache() => generation.Next();

    public async Task<T?> GetAsync<T>(string name, CancellationToken cancellationToken = default) where T : class
    {
        if (cache.TryGetValue(Key(name), out T? cached)) return cached;
        var record = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Name == name, cancellationToken);
        var value = record is null ? null : JsonSerializer.Deserialize<T>(record.Data, ContentDefinitionDocument.Json);
        if (value is not null) cache.Set(Key(name), value, TimeSpan.FromMinutes(10));
        return value;
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
        cache.Remove(Key(name));
        // Settings, menus, the theme and content definitions show on every page.
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
