using ChildProtection.Core.Contents;
using ChildProtection.Core.Routing;
using ChildProtection.Media.Data;
using ChildProtection.Media.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Media.Admin;

public sealed class MediaListQuery
{
    /// <summary>Null: every folder. "": the root only.</summary>
    public string? Folder { get; init; }
    public bool IncludeSubfolders { get; init; }
    public string? Search { get; init; }
    public bool ImagesOnly { get; init; }
    /// <summary>Only images marked as showing identifiable children.</summary>
    public bool ShowsChildren { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 40;
}

public sealed record MediaChange(bool Succeeded, string? Error = null, IReadOnlyList<MediaUser>? Users = null)
{
    public static readonly MediaChange Ok = new(true);
    public static MediaChange Fail(string error, IReadOnlyList<MediaUser>? users = null) => new(false, error, users);
}

/// <summary>
/// What the admin library does besides storing: list and search (server-side paging that stays fast with
/// tens of thousands of files: every filter is an indexed prefix or a scan of one short column), folders,
/// moving, renaming, describing, and deleting a file nobody uses any more.
/// </summary>
public sealed class MediaAdmin(MediaDbContext db, MediaStorage storage, MediaLibrary library, MediaUsageQuery usage, IStringLocalizer<MediaText> T)
{
    public const int MaxPageSize = 100;

    public async Task<PagedResult<MediaRecord>> ListAsync(MediaListQuery query, CancellationToken cancellationToken = default)
    {
        var q = db.Media.AsNoTracking();
        if (query.Folder is { } folder)
        {
            q = query.IncludeSubfolders && folder.Length > 0
                ? q.Where(m => m.Folder == folder || m.Folder.StartsWith(folder + "/"))
                : q.Where(m => m.Folder == folder);
        }
        if (query.ImagesOnly) q = q.Where(m => m.Kind == MediaKind.Image);
        if (query.ShowsChildren) q = q.Where(m => m.ShowsChildren);
        var term = SearchTerm(query.Search);
        if (term is not null) q = q.Where(m => EF.Functions.Like(m.SearchKey, "%" + term + "%", "\\"));
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var total = await q.CountAsync(cancellationToken);
        var pages = Math.Max(1, (total + size - 1) / size);
        var page = Math.Clamp(query.Page, 1, pages);
        var items = await q.OrderByDescending(m => m.CreatedUtc).ThenByDescending(m => m.Id)
            .Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new PagedResult<MediaRecord>(items, total, page, size);
    }

    /// <summary>Folded, lower case, LIKE wildcards escaped; null for nothing to search.</summary>
    internal static string? SearchTerm(string? search)
    {
        if (string.IsNullOrWhiteSpace(search)) return null;
        var folded = Slug.Fold(search.Trim()).ToLowerInvariant();
        if (folded.Length > 200) folded = folded[..200];
        return folded.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
    }

    public Task<MediaRecord?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        MediaStorage.IsValidId(id) ? db.Media.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken) : Task.FromResult<MediaRecord?>(null);

    /// <summary>Every folder path, sorted (a library has tens, not thousands).</summary>
    public Task<List<string>> FoldersAsync(CancellationToken cancellationToken = default) =>
        db.Folders.AsNoTracking().OrderBy(f => f.Path).Select(f => f.Path).ToListAsync(cancellationToken);

    public async Task<MediaChange> CreateFolderAsync(string parent, string name, CancellationToken cancellationToken = default)
    {
        var path = MediaFolders.Normalize(string.IsNullOrEmpty(parent) ? name : $"{parent}/{name}");
        if (path is null || path.Length == 0 || MediaFolders.Normalize(name) is null or "") return MediaChange.Fail(T["The folder name is not valid."]);
        if (await db.Folders.AnyAsync(f => f.Path == path, cancellationToken)) return MediaChange.Fail(T["The folder {0} already exists.", path]);
        await library.EnsureFoldersAsync(path, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return MediaChange.Ok;
    }

    public async Task<MediaChange> DeleteFolderAsync(string path, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(path)) return MediaChange.Fail(T["The folder name is not valid."]);
        var hasFiles = await db.Media.AnyAsync(m => m.Folder == path || m.Folder.StartsWith(path + "/"), cancellationToken);
        var hasFolders = await db.Folders.AnyAsync(f => f.Parent == path, cancellationToken);
        if (hasFiles || hasFolders) return MediaChange.Fail(T["The folder {0} is not empty: move or delete what it holds first.", path]);
        await db.Folders.Where(f => f.Path == path).ExecuteDeleteAsync(cancellationToken);
        return MediaChange.Ok;
    }

    public async Task<MediaChange> DescribeAsync(string id, string? altText, string? caption, string? credit, CancellationToken cancellationToken = default)
    {
        var record = await db.Media.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (record is null) return MediaChange.Fail(T["The file does not exist."]);
        record.AltText = MediaLibrary.Clean(altText, 1000);
        record.Caption = MediaLibrary.Clean(caption, 1000);
        record.Credit = MediaLibrary.Clean(credit, 300);
        return await SaveAsync(record, cancellationToken);
    }

    /// <summary>Changes the name people see and downloads carry. The extension stays that of what the file is; the stored name (and so every address) stays.</summary>
    public async Task<MediaChange> RenameAsync(string id, string newName, CancellationToken cancellationToken = default)
    {
        var record = await db.Media.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (record is null) return MediaChange.Fail(T["The file does not exist."]);
        var cleaned = FileNames.CleanOriginal(newName);
        var stem = Path.GetFileNameWithoutExtension(cleaned);
        if (FileNames.ExtensionOf(cleaned) is var ext && ext.Length > 0 && !SameFormat(ext, record.Extension)) stem = cleaned;
        if (string.IsNullOrWhiteSpace(stem)) return MediaChange.Fail(T["The file has no name."]);
        var name = stem + record.Extension;
        record.OriginalName = name.Length > FileNames.MaxOriginalLength ? stem[..(FileNames.MaxOriginalLength - record.Extension.Length)] + record.Extension : name;
        return await SaveAsync(record, cancellationToken);
    }

    private static bool SameFormat(string typed, string actual) =>
        typed == actual || (actual == ".jpg" && typed is ".jpeg" or ".jpe" or ".jfif");

    public async Task<MediaChange> MoveAsync(IReadOnlyCollection<string> ids, string? folder, CancellationToken cancellationToken = default)
    {
        var target = MediaFolders.Normalize(folder);
        if (target is null) return MediaChange.Fail(T["The folder name is not valid."]);
        await library.EnsureFoldersAsync(target, cancellationToken);
        var records = await db.Media.Where(m => ids.Contains(m.Id)).ToListAsync(cancellationToken);
        foreach (var r in records)
        {
            r.Folder = target;
            r.SearchKey = MediaLibrary.SearchKeyOf(r);
            r.ModifiedUtc = DateTime.UtcNow;
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return MediaChange.Ok;
    }

    /// <summary>Refused, with the list, while an item outside the recycle bin uses the file; otherwise the row goes, then the files.</summary>
    public async Task<MediaChange> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        var record = await db.Media.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (record is null) return MediaChange.Fail(T["The file does not exist."]);
        var users = await usage.UsersOfAsync(id, cancellationToken);
        var blocking = users.Where(u => !u.InRecycleBin).ToList();
        if (blocking.Count > 0)
            return MediaChange.Fail(T["{0} is still used by {1} item(s); remove it from them first.", record.OriginalName, blocking.Count], blocking);
        // The row and its files go together: in the same transaction on the database store; on the folder
        // store the files only after the commit (a failed commit must not leave a record without its file).
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.Media.Remove(record);
            await db.Usages.Where(u => u.MediaId == id).ExecuteDeleteAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (storage.Store.Transactional) await storage.DeleteFolderAsync(id, transaction.GetDbTransaction(), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        db.ChangeTracker.Clear();
        if (!storage.Store.Transactional) await storage.DeleteFolderAsync(id, null, CancellationToken.None);
        return MediaChange.Ok;
    }

    private async Task<MediaChange> SaveAsync(MediaRecord record, CancellationToken cancellationToken)
    {
        record.SearchKey = MediaLibrary.SearchKeyOf(record);
        record.ModifiedUtc = DateTime.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return MediaChange.Ok;
    }
}
