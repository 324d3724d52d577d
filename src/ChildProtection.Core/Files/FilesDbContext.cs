using ChildProtection.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChildProtection.Core.Files;

/// <summary>
/// The database file store's two tables. EF owns their schema (migrations for both providers, history in
/// <c>__EFMigrationsHistory_Files</c>); <see cref="DatabaseFileStore"/> reads and writes them with plain
/// commands, chunk by chunk, on its own connection or on the caller's.
/// </summary>
public abstract class FilesDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<StoredFileRecord> Files => Set<StoredFileRecord>();
    public DbSet<StoredFileChunkRecord> Chunks => Set<StoredFileChunkRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var file = modelBuilder.Entity<StoredFileRecord>();
        file.ToTable("StoredFiles");
        file.HasKey(x => x.Path);
        file.Property(x => x.Path).HasMaxLength(StoredPaths.MaxLength);
        file.Property(x => x.Version).HasMaxLength(32).IsRequired();
        file.Property(x => x.Sha256).HasMaxLength(64).IsRequired();

        var chunk = modelBuilder.Entity<StoredFileChunkRecord>();
        chunk.ToTable("StoredFileChunks");
        // Chunks belong to a version, not a name: a replacement writes new chunks beside the old ones and
        // switches the row over, so a reader in the middle of the old version is never handed a mix.
        chunk.HasKey(x => new { x.Version, x.Index });
        chunk.Property(x => x.Version).HasMaxLength(32);
        chunk.Property(x => x.Data).IsRequired();
    }
}

public sealed class StoredFileRecord
{
    public string Path { get; set; } = "";
    public string Version { get; set; } = "";
    public long Length { get; set; }
    public int ChunkSize { get; set; }
    public int ChunkCount { get; set; }
    public string Sha256 { get; set; } = "";
    public DateTime ModifiedUtc { get; set; }
}

public sealed class StoredFileChunkRecord
{
    public string Version { get; set; } = "";
    public int Index { get; set; }
    public byte[] Data { get; set; } = [];
}

public sealed class SqliteFilesDbContext(DbContextOptions<SqliteFilesDbContext> options) : FilesDbContext(options);

public sealed class PostgresFilesDbContext(DbContextOptions<PostgresFilesDbContext> options) : FilesDbContext(options);

public sealed class SqliteFilesDesignFactory : IDesignTimeDbContextFactory<SqliteFilesDbContext>
{
    public SqliteFilesDbContext CreateDbContext(string[] args) => new(ModuleDatabaseRegistration.BuildOptions<SqliteFilesDbContext>(DesignTime.Sqlite));
}

public sealed class PostgresFilesDesignFactory : IDesignTimeDbContextFactory<PostgresFilesDbContext>
{
    public PostgresFilesDesignFactory() { }
    public PostgresFilesDbContext CreateDbContext(string[] args) => new(ModuleDatabaseRegistration.BuildOptions<PostgresFilesDbContext>(DesignTime.Postgres));
}
