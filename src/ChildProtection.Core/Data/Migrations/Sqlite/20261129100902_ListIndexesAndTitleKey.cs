using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ListIndexesAndTitleKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ContentItems_AllList",
                table: "ContentItems");

            migrationBuilder.AddColumn<string>(
                name: "DisplayTextKey",
                table: "ContentItems",
                type: "TEXT",
                maxLength: 1024,
                nullable: false,
                defaultValue: "");

            // Existing rows get their key; lower() is Unicode-aware on our SQLite connections and on PostgreSQL.
            migrationBuilder.Sql("UPDATE \"ContentItems\" SET \"DisplayTextKey\" = lower(\"DisplayText\");");

            migrationBuilder.CreateIndex(
                name: "IX_ContentItems_AllList",
                table: "ContentItems",
                columns: new[] { "Latest", "Removed", "ModifiedUtc", "ContentType" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ContentItems_AllList",
                table: "ContentItems");

            migrationBuilder.DropColumn(
                name: "DisplayTextKey",
                table: "ContentItems");

            migrationBuilder.CreateIndex(
                name: "IX_ContentItems_AllList",
                table: "ContentItems",
                columns: new[] { "Latest", "Removed", "ModifiedUtc" });
        }
    }
}
