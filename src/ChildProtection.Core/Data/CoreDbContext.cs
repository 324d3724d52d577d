using ChildProtection.Core.Contents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChildProtection.Core.Data;

/// <summary>The engine's tables: content item versions, route history, named documents and the content change log.</summary>
public abstract class CoreDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ContentItemRecord> ContentItems => Set<ContentItemRecord>();
    public DbSet<RouteHistoryRecord> RouteHistory => Set<RouteHistoryRecord>();
    public DbSet<DocumentRecord> Documents => Set<DocumentRecord>();
    public DbSet<ContentChangeRecord> ContentChanges => Set<ContentChangeRecord>();
    public DbSet<ContentChangeReaderRecord> ContentChangeReaders => Set<ContentChangeReaderRecord>();

    protected abstract string TrueLiteral { get; }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var item = modelBuilder.Entity<ContentItemRecord>();
        item.ToTable("ContentItems");
        item.HasKey(x => x.Id);
        item.Property(x => x.ContentItemId).HasMaxLength(26).IsRequired();
        item.Property(x => x.ContentItemVersionId).HasMaxLength(26).IsRequired();
        item.Property(x => x.ContentType).HasMaxLength(128).IsRequired();
        item.Property(x => x.DisplayText).HasMaxLength(1024).IsRequired();
        item.Property(x => x.DisplayTextKey).HasMaxLength(1024).IsRequired().HasDefaultValue("");
        item.Property(x => x.Path).HasMaxLength(1024);
        item.Property(x => x.Owner).HasMaxLength(256);
        item.Property(x => x.Author).HasMaxLength(256);
        item.HasIndex(x => x.ContentItemVersionId).IsUnique();
        // At most one latest and at most one published version per item, enforced by the database:
        // two editors saving at once cannot both win, and a reader can never see two published versions.
        item.HasIndex(x => x.ContentItemId, "IX_ContentItems_Latest").IsUnique().HasFilter($"\"Latest\" = {TrueLiteral}");
        item.HasIndex(x => x.ContentItemId, "IX_ContentItems_Published").IsUnique().HasFilter($"\"Published\" = {TrueLiteral}");
        item.HasIndex(x => x.ContentItemId, "IX_ContentItems_Item");
        // The admin list: type + latest + not removed, newest first, paged.
        // (The title key is deliberately not in this index: it made deep pages four times slower for a
        // faster title search; see the admin-list benchmark.)
        item.HasIndex(x => new { x.ContentType, x.Latest, x.Removed, x.ModifiedUtc }, "IX_ContentItems_List");
        // Lists over several types filter by type inside the index, without reading each skipped row.
        item.HasIndex(x => new { x.Latest, x.Removed, x.ModifiedUtc, x.ContentType }, "IX_ContentItems_AllList");
        item.HasIndex(x => new { x.Path, x.Published }, "IX_ContentItems_Path");
        // Two items never share a public address: the route part checks before writing, but two items
        // with the same title saved at the same instant both pass that check; only the database can
        // settle the race (the loser gets the conflict message and saves again to get "-2").
        item.HasIndex(x => x.Path, "IX_ContentItems_LatestPath").IsUnique().HasFilter($"\"Latest\" = {TrueLiteral} AND NOT \"Removed\"");
        item.HasIndex(x => x.Path, "IX_ContentItems_PublishedPath").IsUnique().HasFilter($"\"Published\" = {TrueLiteral}");
        item.HasIndex(x => new { x.ContentType, x.Published, x.PublishedUtc }, "IX_ContentItems_PublishedList");

        var route = modelBuilder.Entity<RouteHistoryRecord>();
        route.ToTable("RouteHistory");
        route.HasKey(x => x.Path);
        route.Property(x => x.Path).HasMaxLength(1024);
        route.Property(x => x.ContentItemId).HasMaxLength(26).IsRequired();
        route.HasIndex(x => x.ContentItemId);

        var doc = modelBuilder.Entity<DocumentRecord>();
        doc.ToTable("Documents");
        doc.HasKey(x => x.Name);
        doc.Property(x => x.Name).HasMaxLength(128);
        doc.Property(x => x.Version).IsConcurrencyToken();

        var change = modelBuilder.Entity<ContentChangeRecord>();
        change.ToTable("ContentChanges");
        change.HasKey(x => x.Position);
        change.Property(x => x.Position).ValueGeneratedOnAdd();
        change.Property(x => x.ContentItemId).HasMaxLength(26).IsRequired();

        var reader = modelBuilder.Entity<ContentChangeReaderRecord>();
        reader.ToTable("ContentChangeReaders");
        reader.HasKey(x => x.Reader);
        reader.Property(x => x.Reader).HasMaxLength(128);
    }
}

public sealed class SqliteCoreDbContext(DbContextOptions<SqliteCoreDbContext> options) : CoreDbContext(options)
{
    protected override string TrueLiteral => "1";
}

public sealed class PostgresCoreDbContext(DbContextOptions<PostgresCoreDbContext> options) : CoreDbContext(options)
{
    protected override string TrueLiteral => "true";
}

/// <summary>Design-time factories: <c>dotnet ef migrations add</c> builds each provider's model from these.</summary>
public sealed class SqliteCoreDesignFactory : IDesignTimeDbContextFactory<SqliteCoreDbContext>
{
    public SqliteCoreDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.BuildOptions<SqliteCoreDbContext>(DesignTime.Sqlite));
}

public sealed class PostgresCoreDesignFactory : IDesignTimeDbContextFactory<PostgresCoreDbContext>
{
    public PostgresCoreDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.BuildOptions<PostgresCoreDbContext>(DesignTime.Postgres));
}

public static class DesignTime
{
    public static readonly DatabaseOptions Sqlite = new() { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=design.db" };
    public static readonly DatabaseOptions Postgres = new() { Provider = DatabaseProvider.Postgres, ConnectionString = "Host=localhost;Database=design" };
}
