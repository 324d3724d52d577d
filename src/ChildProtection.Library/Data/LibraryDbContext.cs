using ChildProtection.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChildProtection.Library.Data;

/// <summary>The library's own tables: the public index of published resources and the daily download counts.</summary>
public abstract class LibraryDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<LibraryEntry> Entries => Set<LibraryEntry>();
    public DbSet<DownloadDay> Downloads => Set<DownloadDay>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        var entry = builder.Entity<LibraryEntry>();
        entry.ToTable("LibraryEntries");
        entry.HasKey(e => e.ContentItemId);
        entry.Property(e => e.ContentItemId).HasMaxLength(26);
        entry.Property(e => e.Path).HasMaxLength(1024).IsRequired();
        entry.Property(e => e.Title).HasMaxLength(1024).IsRequired();
        entry.Property(e => e.TitleKey).HasMaxLength(1024).IsRequired();
        entry.Property(e => e.Summary).HasMaxLength(1000);
        entry.Property(e => e.Kind).HasMaxLength(32).IsRequired();
        entry.Property(e => e.Audiences).HasMaxLength(200).IsRequired();
        entry.Property(e => e.Topics).HasMaxLength(4000).IsRequired();
        entry.Property(e => e.Campaigns).HasMaxLength(2000).IsRequired();
        entry.Property(e => e.Language).HasMaxLength(8).IsRequired();
        entry.Property(e => e.CoverMediaId).HasMaxLength(64);
        entry.HasIndex(e => e.Path).IsUnique();
        // The public list: not restricted, newest first, paged.
        entry.HasIndex(e => new { e.Restricted, e.PublishedUtc });
        entry.HasIndex(e => new { e.Kind, e.PublishedUtc });

        var day = builder.Entity<DownloadDay>();
        day.ToTable("LibraryDownloads");
        day.HasKey(d => new { d.ResourceId, d.Day, d.OrganisationId });
        day.Property(d => d.ResourceId).HasMaxLength(26);
        // The report reads a date range across all resources.
        day.HasIndex(d => d.Day);
    }
}

public sealed class SqliteLibraryDbContext(DbContextOptions<SqliteLibraryDbContext> options) : LibraryDbContext(options);

public sealed class PostgresLibraryDbContext(DbContextOptions<PostgresLibraryDbContext> options) : LibraryDbContext(options);

public sealed class SqliteLibraryDesignFactory : IDesignTimeDbContextFactory<SqliteLibraryDbContext>
{
    public SqliteLibraryDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.BuildOptions<SqliteLibraryDbContext>(DesignTime.Sqlite));
}

public sealed class PostgresLibraryDesignFactory : IDesignTimeDbContextFactory<PostgresLibraryDbContext>
{
    public PostgresLibraryDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.BuildOptions<PostgresLibraryDbContext>(DesignTime.Postgres));
}
