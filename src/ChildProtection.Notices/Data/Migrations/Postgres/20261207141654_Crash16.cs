using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Notices.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Crash16 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "OnWireSinceUtc",
                table: "NoticeRecipients",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PossiblyDoubled",
                table: "NoticeRecipients",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OnWireSinceUtc",
                table: "NoticeRecipients");

            migrationBuilder.DropColumn(
                name: "PossiblyDoubled",
                table: "NoticeRecipients");
        }
    }
}
