using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Core.Data.Migrations.Postgres
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
                filter: "\"Latest\" = true AND NOT \"Removed\"");

            migrationBuilder.CreateIndex(
                name: "IX_ContentItems_PublishedPath",
                table: "ContentItems",
                column: "Path",
                unique: true,
                filter: "\"Published\" = true");
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
