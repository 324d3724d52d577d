using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Organisations.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Bounces16 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "UndeliverableReason",
                table: "DirectoryContactEmails",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "UndeliverableSinceUtc",
                table: "DirectoryContactEmails",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryContactEmails_UndeliverableSinceUtc",
                table: "DirectoryContactEmails",
                column: "UndeliverableSinceUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DirectoryContactEmails_UndeliverableSinceUtc",
                table: "DirectoryContactEmails");

            migrationBuilder.DropColumn(
                name: "UndeliverableReason",
                table: "DirectoryContactEmails");

            migrationBuilder.DropColumn(
                name: "UndeliverableSinceUtc",
                table: "DirectoryContactEmails");
        }
    }
}
