using ChildProtection.Media.Data;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Media.Content;

/// <summary>
/// Files a recipe is about to import. A recipe's Media step checks its files and plans them here; they
/// are stored once the recipe's transaction commits (the media tables take no part in it), so the
/// Content step of the same recipe can already refer to them. One per scope (one recipe run).
/// </summary>
public sealed class MediaRecipePlan
{
    private readonly Dictionary<string, MediaFile> planned = new(StringComparer.Ordinal);

    public void Add(MediaFile file) => planned[file.Id] = file;

    public MediaFile? Find(string id) => planned.GetValueOrDefault(id);
}

/// <summary>What the media field and part validate against: the library, then what the running recipe will import.</summary>
public sealed class MediaLookup(MediaDbContext db, MediaRecipePlan plan)
{
    public async Task<Dictionary<string, MediaFile>> FindAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        var valid = ids.Where(MediaStorage.IsValidId).Distinct().ToList();
        var found = valid.Count == 0 ? new Dictionary<string, MediaFile>()
            : (await db.Media.AsNoTracking().Where(m => valid.Contains(m.Id)).ToListAsync(cancellationToken)).ToDictionary(r => r.Id, r => r.ToFile());
        foreach (var id in valid)
            if (!found.ContainsKey(id) && plan.Find(id) is { } file) found[id] = file;
        return found;
    }
}
