using ChildProtection.Core.Data;
using Microsoft.Extensions.Configuration;

namespace ChildProtection.Core.Files;

/// <summary>
/// <c>Media:Store</c> = <c>Folder</c> | <c>Database</c> (default: Database when the site runs scaled out —
/// <c>Database:Provider</c> Postgres and <c>ConnectionStrings:Redis</c> set — otherwise Folder) and
/// <c>Media:LocalCacheMegabytes</c> (the database store's per-node cache of hot files; default 256, 0 = off).
/// </summary>
public sealed class FileStorageOptions
{
    public FileStoreKind Store { get; init; }
    public long LocalCacheBytes { get; init; }

    public static FileStorageOptions From(IConfiguration configuration, DatabaseOptions database)
    {
        var configured = configuration["Media:Store"];
        FileStoreKind store;
        if (string.IsNullOrWhiteSpace(configured))
            store = database.Provider == DatabaseProvider.Postgres && !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis"))
                ? FileStoreKind.Database : FileStoreKind.Folder;
        else if (!Enum.TryParse(configured.Trim(), ignoreCase: true, out store) || !Enum.IsDefined(store))
            throw new InvalidOperationException($"Media:Store '{configured}' is not supported; use Folder or Database.");
        var megabytes = configuration.GetValue<double?>("Media:LocalCacheMegabytes") ?? 256;
        return new FileStorageOptions { Store = store, LocalCacheBytes = (long)(Math.Max(0, megabytes) * 1024 * 1024) };
    }
}
