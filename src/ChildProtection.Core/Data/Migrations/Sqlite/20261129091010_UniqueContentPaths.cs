using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UniqueContentPaths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ContentItems_LatestPath",
                table: "ContentItems",
                column: "Path",
                unique: true,
                filter: "\"Latest\" = 1 AND NOT \"Removed\"");

            migrationBuilder.CreateIndex(
                name: "IX_ContentItems_PublishedPath",
                table: "ContentItems",
                column: "Path",
                unique: true,
                filter: "\"Published\" = 1");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ContentItems_LatestPath",
                table: "ContentItems");

            migrationBuilder.DropIndex(
                name: "IX_ContentItems_PublishedPath",
                table: "ContentItems");
        }
    }
}
