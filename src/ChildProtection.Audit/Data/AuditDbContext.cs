using ChildProtection.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChildProtection.Audit.Data;

/// <summary>The audit trail's one table, indexed for the screen's filters and the purge.</summary>
public abstract class AuditDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        var e = builder.Entity<AuditEvent>();
        e.ToTable("AuditEvents");
        e.Property(x => x.Actor).HasMaxLength(256).IsRequired();
        e.Property(x => x.Category).HasMaxLength(50).IsRequired();
        e.Property(x => x.Action).HasMaxLength(50).IsRequired();
        e.Property(x => x.SubjectId).HasMaxLength(256);
        e.Property(x => x.SubjectTitle).HasMaxLength(1024);
        e.Property(x => x.Detail).HasMaxLength(4000);
        e.Property(x => x.Address).HasMaxLength(100);
        // Newest first is how the screen reads and the purge deletes by age.
        e.HasIndex(x => x.AtUtc);
        e.HasIndex(x => new { x.Actor, x.AtUtc });
        e.HasIndex(x => new { x.Action, x.AtUtc });
        e.HasIndex(x => new { x.SubjectId, x.AtUtc });
    }
}

public sealed class SqliteAuditDbContext(DbContextOptions<SqliteAuditDbContext> options) : AuditDbContext(options);

public sealed class PostgresAuditDbContext(DbContextOptions<PostgresAuditDbContext> options) : AuditDbContext(options);

public sealed class SqliteAuditDesignFactory : IDesignTimeDbContextFactory<SqliteAuditDbContext>
{
    public SqliteAuditDbContext CreateDbContext(string[] args) => new(ModuleDatabaseRegistration.BuildOptions<SqliteAuditDbContext>(DesignTime.Sqlite));
}

public sealed class PostgresAuditDesignFactory : IDesignTimeDbContextFactory<PostgresAuditDbContext>
{
    public PostgresAuditDbContext CreateDbContext(string[] args) => new(ModuleDatabaseRegistration.BuildOptions<PostgresAuditDbContext>(DesignTime.Postgres));
}
