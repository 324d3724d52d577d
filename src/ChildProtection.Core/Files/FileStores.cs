using ChildProtection.Core.Data;
using ChildProtection.Core.Modules;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Core.Files;

/// <summary>
/// Both stores of a site, made when first asked for: the configured one is <see cref="IFileStore"/>; the
/// other is there for <c>media move-to</c>, which copies from one to the other.
/// </summary>
public sealed class FileStores(AppPaths paths, DatabaseOptions database, FileStorageOptions options, ILoggerFactory loggers) : IDisposable
{
    private readonly Lazy<FolderFileStore> folder = new(() => new FolderFileStore(paths.DataPath));
    private readonly Lazy<DatabaseFileStore> databaseStore = new(() => new DatabaseFileStore(database,
        options.LocalCacheBytes > 0 ? new LocalFileCache(paths.Combine("cache", "files"), options.LocalCacheBytes) : null,
        loggers.CreateLogger<DatabaseFileStore>()));

    public FileStoreKind Configured => options.Store;

    public IFileStore Current => Get(options.Store);

    public IFileStore Get(FileStoreKind kind) => kind == FileStoreKind.Database ? databaseStore.Value : folder.Value;

    public void Dispose()
    {
        if (databaseStore.IsValueCreated) databaseStore.Value.Dispose();
    }
}

/// <summary>
/// A top-level folder of user files a module keeps in the store (<c>media/</c>, <c>notices/</c>); the move
/// command copies exactly these, never the rest of <c>App:DataPath</c> (database, keys, outbox, indexes).
/// </summary>
public sealed record StoredFilePrefix(string Prefix);

public static class FileStoreRegistration
{
    public static IServiceCollection AddFileStores(this IServiceCollection services)
    {
        services.AddModuleDbContext<FilesDbContext, SqliteFilesDbContext, PostgresFilesDbContext>("Files");
        services.AddSingleton(sp => FileStorageOptions.From(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<DatabaseOptions>()));
        services.AddSingleton<FileStores>();
        services.AddSingleton<IFileStore>(sp => sp.GetRequiredService<FileStores>().Current);
        return services;
    }

    /// <summary>Declares a module's folder of user files (for <c>media move-to</c>).</summary>
    public static IServiceCollection AddStoredFilePrefix(this IServiceCollection services, string prefix)
    {
        if (!prefix.EndsWith('/')) throw new ArgumentException("A stored-file prefix is a folder: end it with '/'.", nameof(prefix));
        services.AddSingleton(new StoredFilePrefix(StoredPaths.CheckPrefix(prefix)));
        return services;
    }
}
