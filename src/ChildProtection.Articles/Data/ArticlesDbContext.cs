using ChildProtection.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChildProtection.Articles.Data;

/// <summary>
/// Which published article carries which topic, newest first: topic pages, the news list's topic filter,
/// topic feeds and "related by shared topics" read it instead of every article's JSON.
/// </summary>
public abstract class ArticlesDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ArticleTopicRecord> Topics => Set<ArticleTopicRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        var topic = builder.Entity<ArticleTopicRecord>();
        topic.ToTable("ArticleTopics");
        topic.HasKey(t => new { t.TermId, t.ContentItemId });
        topic.Property(t => t.TermId).HasMaxLength(200);
        topic.Property(t => t.ContentItemId).HasMaxLength(26);
        // A topic's articles newest first, and every row of one article (to replace them on publish).
        topic.HasIndex(t => new { t.TermId, t.PublishedUtc });
        topic.HasIndex(t => t.ContentItemId);
    }
}

/// <summary>One topic of one published article.</summary>
public sealed class ArticleTopicRecord
{
    public string TermId { get; set; } = "";
    public string ContentItemId { get; set; } = "";
    public DateTime PublishedUtc { get; set; }
}

public sealed class SqliteArticlesDbContext(DbContextOptions<SqliteArticlesDbContext> options) : ArticlesDbContext(options);

public sealed class PostgresArticlesDbContext(DbContextOptions<PostgresArticlesDbContext> options) : ArticlesDbContext(options);

/// <summary>Design-time factories: <c>tools/add-migration.sh Articles NAME</c> builds each provider's model from these.</summary>
public sealed class SqliteArticlesDesignFactory : IDesignTimeDbContextFactory<SqliteArticlesDbContext>
{
    public SqliteArticlesDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.BuildOptions<SqliteArticlesDbContext>(DesignTime.Sqlite));
}

public sealed class PostgresArticlesDesignFactory : IDesignTimeDbContextFactory<PostgresArticlesDbContext>
{
    public PostgresArticlesDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.BuildOptions<PostgresArticlesDbContext>(DesignTime.Postgres));
}
