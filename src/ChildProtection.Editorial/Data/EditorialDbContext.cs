using ChildProtection.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChildProtection.Editorial.Data;

/// <summary>Review states and threads, the publication schedule, withdrawn addresses and notifications.</summary>
public abstract class EditorialDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ReviewState> ReviewStates => Set<ReviewState>();
    public DbSet<ReviewComment> ReviewComments => Set<ReviewComment>();
    public DbSet<PublishSchedule> PublishSchedules => Set<PublishSchedule>();
    public DbSet<Retirement> Retirements => Set<Retirement>();
    public DbSet<EditorialNotification> Notifications => Set<EditorialNotification>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        var state = builder.Entity<ReviewState>();
        state.ToTable("ReviewStates");
        state.HasKey(s => s.ContentItemId);
        state.Property(s => s.ContentItemId).HasMaxLength(26);
        state.Property(s => s.ContentType).HasMaxLength(128).IsRequired();
        state.Property(s => s.Title).HasMaxLength(1024).IsRequired();
        state.Property(s => s.Owner).HasMaxLength(256);
        state.Property(s => s.SubmittedBy).HasMaxLength(256);
        state.Property(s => s.ReviewedBy).HasMaxLength(256);
        state.Property(s => s.ApprovedVersionId).HasMaxLength(26);
        state.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        state.Property(s => s.Version).IsConcurrencyToken();
        state.HasIndex(s => new { s.Status, s.SubmittedUtc });

        var comment = builder.Entity<ReviewComment>();
        comment.ToTable("ReviewComments");
        comment.Property(c => c.ContentItemId).HasMaxLength(26).IsRequired();
        comment.Property(c => c.Author).HasMaxLength(256).IsRequired();
        comment.Property(c => c.Kind).HasConversion<string>().HasMaxLength(30);
        comment.Property(c => c.Text).HasMaxLength(4000);
        comment.HasIndex(c => new { c.ContentItemId, c.AtUtc });

        var schedule = builder.Entity<PublishSchedule>();
        schedule.ToTable("PublishSchedules");
        schedule.Property(s => s.ContentItemId).HasMaxLength(26).IsRequired();
        schedule.Property(s => s.Action).HasConversion<string>().HasMaxLength(20);
        schedule.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        schedule.Property(s => s.RetireAs).HasConversion<string>().HasMaxLength(30);
        schedule.Property(s => s.VersionId).HasMaxLength(26);
        schedule.Property(s => s.RequestedBy).HasMaxLength(256).IsRequired();
        schedule.Property(s => s.ClaimedBy).HasMaxLength(100);
        schedule.Property(s => s.Outcome).HasMaxLength(1000);
        schedule.Property(s => s.Reason).HasMaxLength(1000);
        schedule.Property(s => s.SuccessorPath).HasMaxLength(1024);
        // The runner asks "what is due": status first, then time.
        schedule.HasIndex(s => new { s.Status, s.DueUtc });
        schedule.HasIndex(s => s.ContentItemId);

        var retirement = builder.Entity<Retirement>();
        retirement.ToTable("Retirements");
        retirement.HasKey(r => r.Path);
        retirement.Property(r => r.Path).HasMaxLength(1024);
        retirement.Property(r => r.ContentItemId).HasMaxLength(26).IsRequired();
        retirement.Property(r => r.Title).HasMaxLength(1024).IsRequired();
        retirement.Property(r => r.Kind).HasConversion<string>().HasMaxLength(30);
        retirement.Property(r => r.Reason).HasMaxLength(1000);
        retirement.Property(r => r.SuccessorPath).HasMaxLength(1024);
        retirement.Property(r => r.By).HasMaxLength(256).IsRequired();
        retirement.HasIndex(r => r.ContentItemId);

        var note = builder.Entity<EditorialNotification>();
        note.ToTable("EditorialNotifications");
        note.Property(n => n.UserName).HasMaxLength(256).IsRequired();
        note.Property(n => n.Text).HasMaxLength(1000).IsRequired();
        note.Property(n => n.Url).HasMaxLength(500);
        note.Property(n => n.ContentItemId).HasMaxLength(26);
        note.Property(n => n.MailOutcome).HasMaxLength(300);
        note.HasIndex(n => new { n.UserName, n.ReadUtc, n.CreatedUtc });
    }
}

public sealed class SqliteEditorialDbContext(DbContextOptions<SqliteEditorialDbContext> options) : EditorialDbContext(options);

public sealed class PostgresEditorialDbContext(DbContextOptions<PostgresEditorialDbContext> options) : EditorialDbContext(options);

public sealed class SqliteEditorialDesignFactory : IDesignTimeDbContextFactory<SqliteEditorialDbContext>
{
    public SqliteEditorialDbContext CreateDbContext(string[] args) => new(ModuleDatabaseRegistration.BuildOptions<SqliteEditorialDbContext>(DesignTime.Sqlite));
}

public sealed class PostgresEditorialDesignFactory : IDesignTimeDbContextFactory<PostgresEditorialDbContext>
{
    public PostgresEditorialDbContext CreateDbContext(string[] args) => new(ModuleDatabaseRegistration.BuildOptions<PostgresEditorialDbContext>(DesignTime.Postgres));
}
