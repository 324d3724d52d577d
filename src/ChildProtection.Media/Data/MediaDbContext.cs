using ChildProtection.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChildProtection.Media.Data;

/// <summary>Media records (one per stored file), folders, and where each file is used.</summary>
public abstract class MediaDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<MediaRecord> Media => Set<MediaRecord>();
    public DbSet<MediaFolderRecord> Folders => Set<MediaFolderRecord>();
    public DbSet<MediaUsageRecord> Usages => Set<MediaUsageRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        var media = builder.Entity<MediaRecord>();
        media.ToTable("MediaFiles");
        media.HasKey(m => m.Id);
        media.Property(m => m.Id).HasMaxLength(26);
        media.Property(m => m.Folder).HasMaxLength(MediaFolders.MaxPathLength).IsRequired();
        media.Property(m => m.OriginalName).HasMaxLength(255).IsRequired();
        media.Property(m => m.StoredName).HasMaxLength(160).IsRequired();
        media.Property(m => m.ContentType).HasMaxLength(150).IsRequired();
        media.Property(m => m.Extension).HasMaxLength(10).IsRequired();
        media.Property(m => m.DerivativeExtension).HasMaxLength(10);
        media.Property(m => m.AltText).HasMaxLength(1000);
        media.Property(m => m.Caption).HasMaxLength(1000);
        media.Property(m => m.Credit).HasMaxLength(300);
        media.Property(m => m.Sha256).HasMaxLength(64).IsRequired();
        media.Property(m => m.SearchKey).HasMaxLength(1400).IsRequired();
        media.Property(m => m.CreatedBy).HasMaxLength(256);
        media.Property(m => m.ConsentGivenBy).HasMaxLength(200);
        media.Property(m => m.ConsentRelation).HasMaxLength(100);
        media.Property(m => m.ConsentFormLocation).HasMaxLength(300);
        // The admin list: a folder's files newest first, and the whole library newest first. The id is the
        // tie-breaker of the order, so it is in the index too (SQLite's secondary indexes hold the rowid,
        // not a text key): a page is read straight off the index, never sorted.
        media.HasIndex(m => new { m.Folder, m.CreatedUtc, m.Id });
        media.HasIndex(m => new { m.CreatedUtc, m.Id });
        media.HasIndex(m => m.Sha256);
        // The library's "shows children" filter, newest first, read off the index like the other lists.
        media.HasIndex(m => new { m.ShowsChildren, m.CreatedUtc, m.Id });

        var folder = builder.Entity<MediaFolderRecord>();
        folder.ToTable("MediaFolders");
        folder.HasKey(f => f.Path);
        folder.Property(f => f.Path).HasMaxLength(MediaFolders.MaxPathLength);
        folder.Property(f => f.Parent).HasMaxLength(MediaFolders.MaxPathLength).IsRequired();
        folder.HasIndex(f => f.Parent);

        var usage = builder.Entity<MediaUsageRecord>();
        usage.ToTable("MediaUsages");
        usage.HasKey(u => new { u.MediaId, u.ContentItemId });
        usage.Property(u => u.MediaId).HasMaxLength(26);
        usage.Property(u => u.ContentItemId).HasMaxLength(26);
        usage.Property(u => u.ContentType).HasMaxLength(255).IsRequired();
        usage.Property(u => u.DisplayText).HasMaxLength(1024).IsRequired();
        usage.HasIndex(u => u.ContentItemId);
    }
}

public sealed class SqliteMediaDbContext(DbContextOptions<SqliteMediaDbContext> options) : MediaDbContext(options);

public sealed class PostgresMediaDbContext(DbContextOptions<PostgresMediaDbContext> options) : MediaDbContext(options);

/// <summary>Design-time factories: <c>tools/add-migration.sh Media NAME</c> builds each provider's model from these.</summary>
public sealed class SqliteMediaDesignFactory : IDesignTimeDbContextFactory<SqliteMediaDbContext>
{
    public SqliteMediaDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.BuildOptions<SqliteMediaDbContext>(DesignTime.Sqlite));
}

public sealed class PostgresMediaDesignFactory : IDesignTimeDbContextFactory<PostgresMediaDbContext>
{
    public PostgresMediaDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.BuildOptions<PostgresMediaDbContext>(DesignTime.Postgres));
}
