using ChildProtection.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChildProtection.Notices.Data;

/// <summary>Notices, their targets and attachments, the delivery ledger and the audit trail.</summary>
public abstract class NoticesDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Notice> Notices => Set<Notice>();
    public DbSet<NoticeTarget> NoticeTargets => Set<NoticeTarget>();
    public DbSet<NoticeAttachment> NoticeAttachments => Set<NoticeAttachment>();
    public DbSet<NoticeRecipient> NoticeRecipients => Set<NoticeRecipient>();
    public DbSet<NoticeEvent> NoticeEvents => Set<NoticeEvent>();
    public DbSet<NoticeDeliveryAttempt> NoticeDeliveryAttempts => Set<NoticeDeliveryAttempt>();
    public DbSet<NoticeReplyField> NoticeReplyFields => Set<NoticeReplyField>();
    public DbSet<NoticeReply> NoticeReplies => Set<NoticeReply>();
    public DbSet<NoticeReplyValue> NoticeReplyValues => Set<NoticeReplyValue>();
    public DbSet<NoticeFileDownload> NoticeFileDownloads => Set<NoticeFileDownload>();
    public DbSet<DeliveryDomainRate> DeliveryDomainRates => Set<DeliveryDomainRate>();
    public DbSet<DeliveryDomainSlot> DeliveryDomainSlots => Set<DeliveryDomainSlot>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        var notice = builder.Entity<Notice>();
        notice.ToTable("Notices");
        notice.Property(n => n.Issuer).HasMaxLength(300).IsRequired();
        notice.Property(n => n.NumberSymbol).HasMaxLength(100).IsRequired();
        notice.Property(n => n.DocumentType).HasMaxLength(100).IsRequired();
        notice.Property(n => n.IssuedPlace).HasMaxLength(200);
        notice.Property(n => n.Summary).HasMaxLength(1000).IsRequired();
        notice.Property(n => n.SignerTitle).HasMaxLength(200);
        notice.Property(n => n.SignerName).HasMaxLength(200);
        notice.Property(n => n.Subject).HasMaxLength(300).IsRequired();
        notice.Property(n => n.BodyHtml).IsRequired();
        notice.Property(n => n.ReplyToAddress).HasMaxLength(320);
        notice.Property(n => n.ReplyToName).HasMaxLength(200);
        notice.Property(n => n.CreatedBy).HasMaxLength(256).IsRequired();
        notice.Property(n => n.SubmittedBy).HasMaxLength(256);
        notice.Property(n => n.ApprovedBy).HasMaxLength(256);
        notice.Property(n => n.RejectionReason).HasMaxLength(1000);
        notice.Property(n => n.SentBy).HasMaxLength(256);
        notice.Property(n => n.LinkBaseUrl).HasMaxLength(500);
        notice.Property(n => n.Version).IsConcurrencyToken();
        notice.HasIndex(n => n.Status);
        notice.HasIndex(n => n.CreatedUtc);
        notice.HasMany(n => n.Targets).WithOne().HasForeignKey(t => t.NoticeId).OnDelete(DeleteBehavior.Cascade);
        notice.HasMany(n => n.Attachments).WithOne().HasForeignKey(a => a.NoticeId).OnDelete(DeleteBehavior.Cascade);

        var target = builder.Entity<NoticeTarget>();
        target.ToTable("NoticeTargets");
        target.Property(t => t.Label).HasMaxLength(300).IsRequired();
        target.HasIndex(t => new { t.NoticeId, t.Kind, t.TargetId }).IsUnique();

        var attachment = builder.Entity<NoticeAttachment>();
        attachment.ToTable("NoticeAttachments");
        attachment.Property(a => a.FileName).HasMaxLength(255).IsRequired();
        attachment.Property(a => a.ContentType).HasMaxLength(150).IsRequired();
        attachment.Property(a => a.StoredName).HasMaxLength(100).IsRequired();
        attachment.Property(a => a.Sha256).HasMaxLength(64).IsRequired();

        var recipient = builder.Entity<NoticeRecipient>();
        recipient.ToTable("NoticeRecipients");
        recipient.Property(r => r.Email).HasMaxLength(320).IsRequired();
        recipient.Property(r => r.ContactName).HasMaxLength(200);
        recipient.Property(r => r.OrganisationCode).HasMaxLength(50).IsRequired();
        recipient.Property(r => r.OrganisationName).HasMaxLength(300).IsRequired();
        recipient.Property(r => r.LastError).HasMaxLength(1000);
        recipient.Property(r => r.ServerReply).HasMaxLength(1000);
        recipient.Property(r => r.ClaimedBy).HasMaxLength(100);
        recipient.Property(r => r.AcknowledgedBy).HasMaxLength(200);
        recipient.Property(r => r.AcknowledgedFrom).HasMaxLength(100);
        // One row per address and notice: the guarantee that nobody is written to twice.
        recipient.HasIndex(r => new { r.NoticeId, r.Email }).IsUnique();
        // Chunks claim the next due rows of a notice by status.
        recipient.HasIndex(r => new { r.NoticeId, r.Status, r.NextAttemptUtc });
        recipient.HasOne<Notice>().WithMany().HasForeignKey(r => r.NoticeId).OnDelete(DeleteBehavior.Cascade);

        var attempt = builder.Entity<NoticeDeliveryAttempt>();
        attempt.ToTable("NoticeDeliveryAttempts");
        attempt.Property(a => a.Detail).HasMaxLength(1000).IsRequired();
        // The report reads the history of one page of rows at a time.
        attempt.HasIndex(a => new { a.RecipientId, a.Id });
        attempt.HasOne<NoticeRecipient>().WithMany().HasForeignKey(a => a.RecipientId).OnDelete(DeleteBehavior.Cascade);

        var noticeEvent = builder.Entity<NoticeEvent>();
        noticeEvent.ToTable("NoticeEvents");
        noticeEvent.Property(e => e.Actor).HasMaxLength(256).IsRequired();
        noticeEvent.Property(e => e.Action).HasMaxLength(50).IsRequired();
        noticeEvent.Property(e => e.Detail).HasMaxLength(2000);
        noticeEvent.HasIndex(e => new { e.NoticeId, e.AtUtc });
        noticeEvent.HasOne<Notice>().WithMany().HasForeignKey(e => e.NoticeId).OnDelete(DeleteBehavior.Cascade);

        var download = builder.Entity<NoticeFileDownload>();
        download.ToTable("NoticeFileDownloads");
        // The first download per recipient and file: the unique key makes a second one a no-op insert.
        download.HasIndex(d => new { d.RecipientId, d.AttachmentId }).IsUnique();
        // The report's counts per file.
        download.HasIndex(d => new { d.NoticeId, d.AttachmentId });
        download.HasOne<NoticeRecipient>().WithMany().HasForeignKey(d => d.RecipientId).OnDelete(DeleteBehavior.Cascade);
        download.HasOne<NoticeAttachment>().WithMany().HasForeignKey(d => d.AttachmentId).OnDelete(DeleteBehavior.Cascade);
        OnRepliesCreating(builder);
        OnDomainLimitsCreating(builder);
    }

    /// <summary>Per-domain limits across nodes (Delivery/DomainThrottle.cs): a few rows per limited domain.</summary>
    private static void OnDomainLimitsCreating(ModelBuilder builder)
    {
        var rate = builder.Entity<DeliveryDomainRate>();
        rate.ToTable("DeliveryDomainRates");
        rate.HasKey(r => r.Domain);
        rate.Property(r => r.Domain).HasMaxLength(255);

        var slot = builder.Entity<DeliveryDomainSlot>();
        slot.ToTable("DeliveryDomainSlots");
        slot.HasKey(s => new { s.Domain, s.Slot });
        slot.Property(s => s.Domain).HasMaxLength(255);
        slot.Property(s => s.HeldBy).HasMaxLength(100);
        // The heartbeat renews, and a lane's end releases, the slots of one claim.
        slot.HasIndex(s => s.HeldBy);
    }

    private static void OnRepliesCreating(ModelBuilder builder)
    {
        var field = builder.Entity<NoticeReplyField>();
        field.ToTable("NoticeReplyFields");
        field.Property(f => f.Label).HasMaxLength(NoticeReplyField.MaxLabelLength).IsRequired();
        field.Property(f => f.Options).HasMaxLength(4000);
        field.Ignore(f => f.OptionList);
        field.HasIndex(f => new { f.NoticeId, f.Position });
        field.HasOne<Notice>().WithMany().HasForeignKey(f => f.NoticeId).OnDelete(DeleteBehavior.Cascade);

        var reply = builder.Entity<NoticeReply>();
        reply.ToTable("NoticeReplies");
        reply.Property(r => r.SubmittedBy).HasMaxLength(200);
        reply.Property(r => r.SubmittedFrom).HasMaxLength(100);
        reply.Property(r => r.WardCode).HasMaxLength(50);
        reply.Property(r => r.WardName).HasMaxLength(300);
        // Two submissions at once cannot both become the same version: the second fails and is told to send again.
        reply.HasIndex(r => new { r.NoticeId, r.OrganisationId, r.Version }).IsUnique();
        reply.HasOne<Notice>().WithMany().HasForeignKey(r => r.NoticeId).OnDelete(DeleteBehavior.Cascade);
        reply.HasMany(r => r.Values).WithOne().HasForeignKey(v => v.ReplyId).OnDelete(DeleteBehavior.Cascade);

        var value = builder.Entity<NoticeReplyValue>();
        value.ToTable("NoticeReplyValues");
        value.Property(v => v.Text).HasMaxLength(1000);
        value.Property(v => v.Number).HasPrecision(18, 4);
        value.Property(v => v.StoredName).HasMaxLength(100);
        value.Property(v => v.ContentType).HasMaxLength(150);
        value.Property(v => v.Sha256).HasMaxLength(64);
        value.HasIndex(v => new { v.ReplyId, v.FieldId }).IsUnique();
        value.HasOne<NoticeReplyField>().WithMany().HasForeignKey(v => v.FieldId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SqliteNoticesDbContext(DbContextOptions<SqliteNoticesDbContext> options) : NoticesDbContext(options);

public sealed class PostgresNoticesDbContext(DbContextOptions<PostgresNoticesDbContext> options) : NoticesDbContext(options);

/// <summary>Design-time factories: <c>tools/add-migration.sh Notices NAME</c> builds each provider's model from these.</summary>
public sealed class SqliteNoticesDesignFactory : IDesignTimeDbContextFactory<SqliteNoticesDbContext>
{
    public SqliteNoticesDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.BuildOptions<SqliteNoticesDbContext>(DesignTime.Sqlite));
}

public sealed class PostgresNoticesDesignFactory : IDesignTimeDbContextFactory<PostgresNoticesDbContext>
{
    public PostgresNoticesDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.BuildOptions<PostgresNoticesDbContext>(DesignTime.Postgres));
}
