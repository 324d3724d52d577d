using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Campaigns.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CampaignLinks",
                columns: table => new
                {
                    ContentItemId = table.Column<string>(type: "TEXT", maxLength: 26, nullable: false),
                    LinkKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PublishedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignLinks", x => new { x.ContentItemId, x.LinkKind, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "ReachReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportId = table.Column<string>(type: "TEXT", maxLength: 26, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    IsLatest = table.Column<bool>(type: "INTEGER", nullable: false),
                    CampaignId = table.Column<string>(type: "TEXT", maxLength: 26, nullable: false),
                    ActivityKind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ActivityDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    WardCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    WardName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: true),
                    OrganisationName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Sessions = table.Column<int>(type: "INTEGER", nullable: false),
                    Children = table.Column<int>(type: "INTEGER", nullable: false),
                    Parents = table.Column<int>(type: "INTEGER", nullable: false),
                    Teachers = table.Column<int>(type: "INTEGER", nullable: false),
                    Others = table.Column<int>(type: "INTEGER", nullable: false),
                    Posters = table.Column<int>(type: "INTEGER", nullable: false),
                    Leaflets = table.Column<int>(type: "INTEGER", nullable: false),
                    Handbooks = table.Column<int>(type: "INTEGER", nullable: false),
                    HandyItems = table.Column<int>(type: "INTEGER", nullable: false),
                    OtherMaterials = table.Column<int>(type: "INTEGER", nullable: false),
                    IndirectReach = table.Column<int>(type: "INTEGER", nullable: false),
                    Withdrawn = table.Column<bool>(type: "INTEGER", nullable: false),
                    ChangeNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReachReports", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignLinks_LinkKind_Key_ContentType_PublishedUtc",
                table: "CampaignLinks",
                columns: new[] { "LinkKind", "Key", "ContentType", "PublishedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ReachReports_CampaignId_IsLatest_WardCode",
                table: "ReachReports",
                columns: new[] { "CampaignId", "IsLatest", "WardCode" });

            migrationBuilder.CreateIndex(
                name: "IX_ReachReports_OrganisationId_IsLatest",
                table: "ReachReports",
                columns: new[] { "OrganisationId", "IsLatest" });

            migrationBuilder.CreateIndex(
                name: "IX_ReachReports_ReportId_Version",
                table: "ReachReports",
                columns: new[] { "ReportId", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CampaignLinks");

            migrationBuilder.DropTable(
                name: "ReachReports");
        }
    }
}
