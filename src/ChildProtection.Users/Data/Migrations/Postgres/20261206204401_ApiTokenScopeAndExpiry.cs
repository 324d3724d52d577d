using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Users.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ApiTokenScopeAndExpiry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Every token now expires. One made without an expiry gets the default lifetime (90 days)
            // from the day this runs, so programs using it keep working while a new token is made.
            migrationBuilder.Sql("""
                UPDATE "ApiTokens" SET "ExpiresUtc" = now() + interval '90 days' WHERE "ExpiresUtc" IS NULL;
                """);

            migrationBuilder.AlterColumn<DateTime>(
                name: "ExpiresUtc",
                table: "ApiTokens",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified),
                oldClrType: typeof(DateTime),
                oldType: "timestamp with time zone",
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Scope",
                table: "ApiTokens",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                // Tokens made before scopes could do everything their user may do: they keep writing.
                defaultValue: "WriteContent");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Scope",
                table: "ApiTokens");

            migrationBuilder.AlterColumn<DateTime>(
                name: "ExpiresUtc",
                table: "ApiTokens",
                type: "timestamp with time zone",
                nullable: true,
                oldClrType: typeof(DateTime),
                oldType: "timestamp with time zone");
        }
    }
}
