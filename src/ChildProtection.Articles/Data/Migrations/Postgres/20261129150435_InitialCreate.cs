using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Articles.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ArticleTopics",
                columns: table => new
                {
                    TermId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentItemId = table.Column<string>(type: "character varying(26)", maxLength: 26, nullable: false),
                    PublishedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticleTopics", x => new { x.TermId, x.ContentItemId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleTopics_ContentItemId",
                table: "ArticleTopics",
                column: "ContentItemId");

            migrationBuilder.CreateIndex(
                name: "IX_ArticleTopics_TermId_PublishedUtc",
                table: "ArticleTopics",
                columns: new[] { "TermId", "PublishedUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArticleTopics");
        }
    }
}
