using ChildProtection.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChildProtection.Campaigns.Data;

/// <summary>The module's own tables: reach reports (every version) and the index of items related to campaigns.</summary>
public abstract class CampaignsDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ReachReport> Reports => Set<ReachReport>();
    public DbSet<CampaignLink> Links => Set<CampaignLink>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        var report = builder.Entity<ReachReport>();
        report.ToTable("ReachReports");
        report.HasKey(r => r.Id);
        report.Property(r => r.ReportId).HasMaxLength(26).IsRequired();
        report.Property(r => r.CampaignId).HasMaxLength(26).IsRequired();
        report.Property(r => r.ActivityKind).HasMaxLength(32).IsRequired();
        report.Property(r => r.Title).HasMaxLength(300);
        report.Property(r => r.WardCode).HasMaxLength(64).IsRequired();
        report.Property(r => r.WardName).HasMaxLength(300).IsRequired();
        report.Property(r => r.OrganisationName).HasMaxLength(400);
        report.Property(r => r.ChangeNote).HasMaxLength(1000);
        report.Property(r => r.CreatedBy).HasMaxLength(256);
        report.Ignore(r => r.Participants);
        report.Ignore(r => r.Materials);
        // Two corrections of the same version at once: the second insert of that version number fails.
        report.HasIndex(r => new { r.ReportId, r.Version }).IsUnique();
        // Totals and lists read a campaign's latest versions.
        report.HasIndex(r => new { r.CampaignId, r.IsLatest, r.WardCode });
        report.HasIndex(r => new { r.OrganisationId, r.IsLatest });

        var link = builder.Entity<CampaignLink>();
        link.ToTable("CampaignLinks");
        link.HasKey(l => new { l.ContentItemId, l.LinkKind, l.Key });
        link.Property(l => l.ContentItemId).HasMaxLength(26);
        link.Property(l => l.LinkKind).HasMaxLength(16);
        link.Property(l => l.Key).HasMaxLength(200);
        link.Property(l => l.ContentType).HasMaxLength(64).IsRequired();
        link.HasIndex(l => new { l.LinkKind, l.Key, l.ContentType, l.PublishedUtc });
    }
}

public sealed class SqliteCampaignsDbContext(DbContextOptions<SqliteCampaignsDbContext> options) : CampaignsDbContext(options);

public sealed class PostgresCampaignsDbContext(DbContextOptions<PostgresCampaignsDbContext> options) : CampaignsDbContext(options);

/// <summary>Design-time factories: <c>tools/add-migration.sh Campaigns NAME</c> builds each provider's model from these.</summary>
public sealed class SqliteCampaignsDesignFactory : IDesignTimeDbContextFactory<SqliteCampaignsDbContext>
{
    public SqliteCampaignsDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.BuildOptions<SqliteCampaignsDbContext>(DesignTime.Sqlite));
}

public sealed class PostgresCampaignsDesignFactory : IDesignTimeDbContextFactory<PostgresCampaignsDbContext>
{
    public PostgresCampaignsDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.BuildOptions<PostgresCampaignsDbContext>(DesignTime.Postgres));
}
