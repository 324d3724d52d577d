using ChildProtection.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChildProtection.Events.Data;

/// <summary>The events module's tables: the schedule index (with seats and SEQUENCE), registrations, their e-mails, and forum voices.</summary>
public abstract class EventsDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<EventEntry> Entries => Set<EventEntry>();
    public DbSet<EventRegistration> Registrations => Set<EventRegistration>();
    public DbSet<EventMail> Mails => Set<EventMail>();
    public DbSet<ForumVoice> Voices => Set<ForumVoice>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        var entry = builder.Entity<EventEntry>();
        entry.ToTable("EventEntries");
        entry.HasKey(e => e.ContentItemId);
        entry.Property(e => e.ContentItemId).HasMaxLength(26);
        entry.Property(e => e.Path).HasMaxLength(1024).IsRequired();
        entry.Property(e => e.Title).HasMaxLength(1024).IsRequired();
        entry.Property(e => e.Summary).HasMaxLength(1000);
        entry.Property(e => e.Kind).HasMaxLength(32).IsRequired();
        entry.Property(e => e.WardCode).HasMaxLength(64);
        entry.Property(e => e.WardName).HasMaxLength(300);
        entry.Property(e => e.Venue).HasMaxLength(300);
        entry.Property(e => e.Campaigns).HasMaxLength(200).IsRequired();
        entry.Property(e => e.Fingerprint).HasMaxLength(64).IsRequired();
        entry.Ignore(e => e.SeatsLeft);
        // Upcoming lists walk by end time (not yet ended), past lists by start time, both among listed rows.
        entry.HasIndex(e => new { e.Listed, e.EndUtc });
        entry.HasIndex(e => new { e.Listed, e.StartUtc });
        entry.HasIndex(e => e.Path);

        var registration = builder.Entity<EventRegistration>();
        registration.ToTable("EventRegistrations");
        registration.HasKey(r => r.Id);
        registration.Property(r => r.EventId).HasMaxLength(26).IsRequired();
        registration.Property(r => r.Organisation).HasMaxLength(200).IsRequired();
        registration.Property(r => r.ContactName).HasMaxLength(120).IsRequired();
        registration.Property(r => r.Email).HasMaxLength(254).IsRequired();
        registration.Property(r => r.Phone).HasMaxLength(30);
        registration.Property(r => r.CancelledBy).HasMaxLength(256);
        registration.Property(r => r.SiteUrl).HasMaxLength(200);
        // The attendee list and the waiting list (in order) of one event.
        registration.HasIndex(r => new { r.EventId, r.Status, r.Id });

        var mail = builder.Entity<EventMail>();
        mail.ToTable("EventMails");
        mail.HasKey(m => m.Id);
        mail.Property(m => m.ClaimedBy).HasMaxLength(100);
        mail.Property(m => m.LastError).HasMaxLength(500);
        mail.HasIndex(m => new { m.Status, m.NextAttemptUtc });
        mail.HasIndex(m => m.RegistrationId);

        var voice = builder.Entity<ForumVoice>();
        voice.ToTable("ForumVoices");
        voice.HasKey(v => v.Id);
        voice.Property(v => v.EventId).HasMaxLength(26).IsRequired();
        voice.Property(v => v.Kind).HasMaxLength(16).IsRequired();
        voice.Property(v => v.Text).HasMaxLength(2000).IsRequired();
        voice.Property(v => v.FirstName).HasMaxLength(50);
        voice.Property(v => v.School).HasMaxLength(200);
        voice.Property(v => v.Answer).HasMaxLength(4000);
        voice.Property(v => v.ModeratedBy).HasMaxLength(256);
        voice.HasIndex(v => new { v.EventId, v.Status, v.Id });
        voice.HasIndex(v => new { v.Status, v.Id });
    }
}

public sealed class SqliteEventsDbContext(DbContextOptions<SqliteEventsDbContext> options) : EventsDbContext(options);

public sealed class PostgresEventsDbContext(DbContextOptions<PostgresEventsDbContext> options) : EventsDbContext(options);

public sealed class SqliteEventsDesignFactory : IDesignTimeDbContextFactory<SqliteEventsDbContext>
{
    public SqliteEventsDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.BuildOptions<SqliteEventsDbContext>(DesignTime.Sqlite));
}

public sealed class PostgresEventsDesignFactory : IDesignTimeDbContextFactory<PostgresEventsDbContext>
{
    public PostgresEventsDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.BuildOptions<PostgresEventsDbContext>(DesignTime.Postgres));
}
