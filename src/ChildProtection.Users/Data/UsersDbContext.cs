using ChildProtection.Core.Data;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChildProtection.Users.Data;

/// <summary>Identity's tables (users, roles, role claims holding permissions …) plus API tokens.</summary>
public abstract class UsersDbContext(DbContextOptions options) : IdentityDbContext<User, Role, string>(options)
{
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Role>().Property(r => r.Description).HasMaxLength(1024).IsRequired();
        // Login accepts an e-mail too, and e-mails are unique: look them up by index.
        builder.Entity<User>().HasIndex(u => u.NormalizedEmail).IsUnique();

        var token = builder.Entity<ApiToken>();
        token.ToTable("ApiTokens");
        token.HasKey(t => t.Id);
        token.Property(t => t.Name).HasMaxLength(100).IsRequired();
        token.Property(t => t.UserId).HasMaxLength(450).IsRequired();
        token.Property(t => t.TokenHash).HasMaxLength(64).IsRequired();
        token.Property(t => t.Hint).HasMaxLength(16).IsRequired();
        token.Property(t => t.Scope).HasConversion<string>().HasMaxLength(16).IsRequired();
        token.HasIndex(t => t.TokenHash).IsUnique();
        token.HasIndex(t => t.UserId);
        // A deleted user's tokens go with them.
        token.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SqliteUsersDbContext(DbContextOptions<SqliteUsersDbContext> options) : UsersDbContext(options);

public sealed class PostgresUsersDbContext(DbContextOptions<PostgresUsersDbContext> options) : UsersDbContext(options);

/// <summary>Design-time factories: <c>tools/add-migration.sh Users NAME</c> builds each provider's model from these.</summary>
public sealed class SqliteUsersDesignFactory : IDesignTimeDbContextFactory<SqliteUsersDbContext>
{
    public SqliteUsersDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.BuildOptions<SqliteUsersDbContext>(DesignTime.Sqlite));
}

public sealed class PostgresUsersDesignFactory : IDesignTimeDbContextFactory<PostgresUsersDbContext>
{
    public PostgresUsersDbContext CreateDbContext(string[] args) =>
        new(ModuleDatabaseRegistration.BuildOptions<PostgresUsersDbContext>(DesignTime.Postgres));
}
