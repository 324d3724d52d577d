using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Notices.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PossiblyDoubled",
                table: "NoticeRecipients",
                type: "INTEGER",
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
