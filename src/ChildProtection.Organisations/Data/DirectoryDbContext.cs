using ChildProtection.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChildProtection.Organisations.Data;

/// <summary>Organisations, their contacts and addresses, and recipient groups.</summary>
public abstract class DirectoryDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<ContactEmail> ContactEmails => Set<ContactEmail>();
    public DbSet<RecipientGroup> Groups => Set<RecipientGroup>();
    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Read back as UTC on both providers (the undeliverable flag's date).
        configurationBuilder.Properties<DateTime>().HaveConversion<ChildProtection.Core.Data.UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        var org = builder.Entity<Organisation>();
        org.ToTable("DirectoryOrganisations");
        org.Property(o => o.Code).HasMaxLength(DirectoryLimits.Code).IsRequired();
        org.Property(o => o.Name).HasMaxLength(DirectoryLimits.Name).IsRequired();
        org.Property(o => o.NameKey).HasMaxLength(DirectoryLimits.Name).IsRequired();
        org.Property(o => o.Address).HasMaxLength(DirectoryLimits.Address);
        org.HasIndex(o => o.Code).IsUnique();
        org.HasIndex(o => o.NameKey);
        // Rule-based groups select by kind and level, then by ward.
        org.HasIndex(o => new { o.Kind, o.Level });
        org.HasIndex(o => o.WardId);
        org.HasIndex(o => o.SuccessorId);
        // Restrict: a ward or a successor in use cannot disappear from under the units that name it.
        org.HasOne<Organisation>().WithMany().HasForeignKey(o => o.WardId).OnDelete(DeleteBehavior.Restrict);
        org.HasOne<Organisation>().WithMany().HasForeignKey(o => o.SuccessorId).OnDelete(DeleteBehavior.Restrict);
        org.HasMany(o => o.Contacts).WithOne().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Cascade);

        var contact = builder.Entity<Contact>();
        contact.ToTable("DirectoryContacts");
        contact.Property(c => c.Name).HasMaxLength(DirectoryLimits.ContactName);
        contact.Property(c => c.Role).HasMaxLength(DirectoryLimits.ContactName);
        contact.HasMany(c => c.Emails).WithOne().HasForeignKey(e => e.ContactId).OnDelete(DeleteBehavior.Cascade);

        var email = builder.Entity<ContactEmail>();
        email.ToTable("DirectoryContactEmails");
        email.Property(e => e.Address).HasMaxLength(DirectoryLimits.Email).IsRequired();
        email.Property(e => e.Normalized).HasMaxLength(DirectoryLimits.Email).IsRequired();
        email.HasIndex(e => e.Normalized).IsUnique();
        email.Property(e => e.UndeliverableReason).HasMaxLength(DirectoryLimits.UndeliverableReason);
        // The clean-up page lists the flagged addresses only.
        email.HasIndex(e => e.UndeliverableSinceUtc);

        var group = builder.Entity<RecipientGroup>();
        group.ToTable("DirectoryGroups");
        group.Property(g => g.Name).HasMaxLength(DirectoryLimits.GroupName).IsRequired();
        group.Property(g => g.Description).HasMaxLength(DirectoryLimits.Description);
        group.Property(g => g.RuleKinds).HasMaxLength(100);
        group.HasIndex(g => g.Name).IsUnique();
        group.HasOne<Organisation>().WithMany().HasForeignKey(g => g.RuleWardId).OnDelete(DeleteBehavior.Restrict);
        group.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);

        var member = builder.Entity<GroupMember>();
        member.ToTable("DirectoryGroupMembers");
        member.HasKey(m => new { m.GroupId, m.OrganisationId });
        member.HasIndex(m => m.OrganisationId);
        member.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public static class DirectoryLimits
{
    public const int Code = 50;
    public const int Name = 300;
    public const int Address = 500;
    public const int ContactName = 200;
    public const int Email = 254;
    public const int GroupName = 200;
    public const int Description = 1000;
    public const int UndeliverableReason = 1000;
}

public sealed class SqliteDirectoryDbContext(DbContextOptions<SqliteDirectoryDbContext> options) : DirectoryDbContext(options);

public sealed class PostgresDirectoryDbContext(DbContextOptions<PostgresDirectoryDbContext> options) : DirectoryDbContext(options);

/// <summary>Design-time factories: <c>tools/add-migration.sh Organisations NAME Directory</c> (project Organisations, contexts *DirectoryDbContext) builds each provider's model from these.</summary>
public sealed class SqliteDirectoryDesignFactory : IDesignTimeDbContextFactory<SqliteDirectoryDbContext>
{
    public SqliteDirectoryDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.BuildOptions<SqliteDirectoryDbContext>(DesignTime.Sqlite));
}

public sealed class PostgresDirectoryDesignFactory : IDesignTimeDbContextFactory<PostgresDirectoryDbContext>
{
    public PostgresDirectoryDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.BuildOptions<PostgresDirectoryDbContext>(DesignTime.Postgres));
}
