using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChildProtection.Core.Files;

namespace ChildProtection.Organisations.Import;

/// <summary>An uploaded table waiting for "import" or "import nothing", with who uploaded it and when.</summary>
public sealed record StoredImport(string User, DateTime CreatedUtc, string FileName, string[] Headers, List<TableRow> Rows)
{
    public ImportTable Table => new(Headers, Rows);
}

/// <summary>
/// Keeps an uploaded table between the preview and the commit as <c>imports/{id}.json</c> in the site's file
/// store, so the confirming request may land on another node than the upload. The browser holds only the
/// random id: the rows written are the rows previewed, never form fields the client could change. A
/// preview belongs to the user who uploaded it and expires after an hour.
/// </summary>
public sealed partial class ImportPreviewStore(IFileStore store, TimeProvider clock)
{
    public const string Prefix = "imports/";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex IdPattern();

    public async Task<string> SaveAsync(StoredImport import, CancellationToken cancellationToken = default)
    {
        await RemoveExpiredAsync(cancellationToken);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        // The rows are in memory already (they were just parsed and previewed); their JSON is of the same order.
        using var json = new MemoryStream();
        await JsonSerializer.SerializeAsync(json, import, cancellationToken: cancellationToken);
        json.Position = 0;
        await store.WriteAsync(PathOf(id), json, null, cancellationToken);
        return id;
    }

    public async Task<StoredImport?> LoadAsync(string? id, string user, CancellationToken cancellationToken = default)
    {
        if (id is null || !IdPattern().IsMatch(id)) return null;
        var file = await store.OpenAsync(PathOf(id), cancellationToken);
        if (file is null) return null;
        StoredImport? import;
        try
        {
            await using var content = file.OpenRead();
            import = await JsonSerializer.DeserializeAsync<StoredImport>(content, cancellationToken: cancellationToken);
        }
        catch (JsonException) { return null; }
        catch (IOException) { return null; }
        if (import is null || clock.GetUtcNow().UtcDateTime - import.CreatedUtc > Lifetime) return null;
        return string.Equals(import.User, user, StringComparison.Ordinal) ? import : null;
    }

    public async Task RemoveAsync(string? id, CancellationToken cancellationToken = default)
    {
        if (id is null || !IdPattern().IsMatch(id)) return;
        try { await store.DeleteAsync(PathOf(id), null, cancellationToken); }
        catch (IOException) { }
    }

    private static string PathOf(string id) => Prefix + id + ".json";

    private async Task RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - Lifetime;
        foreach (var file in await store.ListAsync(Prefix, cancellationToken))
        {
            try
            {
                if (file.LastWriteUtc < cutoff) await store.DeleteAsync(file.Path, null, cancellationToken);
            }
            catch (IOException) { }
        }
    }
}
