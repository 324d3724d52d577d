using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChildProtection.Core.Modules;

namespace ChildProtection.Organisations.Import;

/// <summary>An uploaded table waiting for "import" or "import nothing", with who uploaded it and when.</summary>
public sealed record StoredImport(string User, DateTime CreatedUtc, string FileName, string[] Headers, List<TableRow> Rows)
{
    public ImportTable Table => new(Headers, Rows);
}

/// <summary>
/// Keeps an uploaded table between the preview and the commit in <c>App:DataPath/imports/{id}.json</c>. The
/// browser holds only the random id: the rows written are the rows previewed, never form fields the client
/// could change. A preview belongs to the user who uploaded it and expires after an hour.
/// </summary>
public sealed partial class ImportPreviewStore(AppPaths paths, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex IdPattern();

    private string Folder => paths.Combine("imports");

    public async Task<string> SaveAsync(StoredImport import, CancellationToken cancellationToken = default)
    {
        System.IO.Directory.CreateDirectory(Folder);
        RemoveExpired();
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await using var file = File.Create(PathOf(id));
        await JsonSerializer.SerializeAsync(file, import, cancellationToken: cancellationToken);
        return id;
    }

    public async Task<StoredImport?> LoadAsync(string? id, string user, CancellationToken cancellationToken = default)
    {
        if (id is null || !IdPattern().IsMatch(id)) return null;
        var path = PathOf(id);
        if (!File.Exists(path)) return null;
        StoredImport? import;
        try
        {
            await using var file = File.OpenRead(path);
            import = await JsonSerializer.DeserializeAsync<StoredImport>(file, cancellationToken: cancellationToken);
        }
        catch (JsonException) { return null; }
        if (import is null || clock.GetUtcNow().UtcDateTime - import.CreatedUtc > Lifetime) return null;
        return string.Equals(import.User, user, StringComparison.Ordinal) ? import : null;
    }

    public void Remove(string? id)
    {
        if (id is null || !IdPattern().IsMatch(id)) return;
        try { File.Delete(PathOf(id)); }
        catch (IOException) { }
    }

    private string PathOf(string id) => Path.Combine(Folder, id + ".json");

    private void RemoveExpired()
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - Lifetime;
        foreach (var file in System.IO.Directory.EnumerateFiles(Folder, "*.json"))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(file) < cutoff) File.Delete(file);
            }
            catch (IOException) { }
        }
    }
}
