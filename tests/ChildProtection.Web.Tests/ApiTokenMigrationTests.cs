using ChildProtection.Core.Data;
using ChildProtection.Testing;
using ChildProtection.Users.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Xunit;

namespace ChildProtection.Web.Tests;

/// <summary>What the scope-and-expiry migration gives tokens that were made before it.</summary>
public sealed class ApiTokenMigrationTests
{
    [Fact]
    public async Task Tokens_made_before_scopes_keep_writing_and_expire_ninety_days_after_the_upgrade()
    {
        using var folder = new TempFolder("cp-token-migration");
        var options = ModuleDatabaseRegistration.BuildOptions<SqliteUsersDbContext>(new DatabaseOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = $"Data Source={folder.Combine("users.db")}",
        });
        try
        {
            await using (var db = new SqliteUsersDbContext(options))
            {
                var migrator = db.GetService<IMigrator>();
                await migrator.MigrateAsync("20261129085119_InitialCreate");
                await db.Database.ExecuteSqlRawAsync("""
                    INSERT INTO AspNetUsers (Id, CreatedUtc, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, UserName)
                    VALUES ('u1', '2026-01-01 00:00:00', 0, 0, 0, 1, 0, 'cu');
                    INSERT INTO ApiTokens (Name, UserId, TokenHash, Hint, CreatedUtc, ExpiresUtc) VALUES ('không hạn', 'u1', 'h1', 'cp_aaaaa', '2026-01-01 00:00:00', NULL);
                    INSERT INTO ApiTokens (Name, UserId, TokenHash, Hint, CreatedUtc, ExpiresUtc) VALUES ('có hạn', 'u1', 'h2', 'cp_bbbbb', '2026-01-01 00:00:00', '2026-02-01 00:00:00');
                    """);
                await migrator.MigrateAsync();
            }
            await using (var db = new SqliteUsersDbContext(options))
            {
                var tokens = await db.ApiTokens.AsNoTracking().OrderBy(t => t.Id).ToListAsync();
                Assert.All(tokens, t => Assert.Equal(ApiTokenScope.WriteContent, t.Scope));
                Assert.InRange(tokens[0].ExpiresUtc, DateTime.UtcNow.AddDays(89), DateTime.UtcNow.AddDays(91));
                Assert.Equal(new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc), tokens[1].ExpiresUtc);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }
}
