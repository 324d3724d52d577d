using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Library.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LibraryDownloads",
                columns: table => new
                {
                    ResourceId = table.Column<string>(type: "TEXT", maxLength: 26, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LibraryDownloads", x => new { x.ResourceId, x.Day, x.OrganisationId });
                });

            migrationBuilder.CreateTable(
                name: "LibraryEntries",
                columns: table => new
                {
                    ContentItemId = table.Column<string>(type: "TEXT", maxLength: 26, nullable: false),
                    Path = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    TitleKey = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Audiences = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Topics = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Campaigns = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Restricted = table.Column<bool>(type: "INTEGER", nullable: false),
                    CoverMediaId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FileCount = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LibraryEntries", x => x.ContentItemId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LibraryDownloads_Day",
                table: "LibraryDownloads",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_LibraryEntries_Kind_PublishedUtc",
                table: "LibraryEntries",
                columns: new[] { "Kind", "PublishedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_LibraryEntries_Path",
                table: "LibraryEntries",
                column: "Path",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LibraryEntries_Restricted_PublishedUtc",
                table: "LibraryEntries",
                columns: new[] { "Restricted", "PublishedUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LibraryDownloads");

            migrationBuilder.DropTable(
                name: "LibraryEntries");
        }
    }
}
