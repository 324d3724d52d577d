using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ChildProtection.Campaigns.Data.Migrations.Postgres
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
                    ContentItemId = table.Column<string>(type: "character varying(26)", maxLength: 26, nullable: false),
                    LinkKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PublishedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignLinks", x => new { x.ContentItemId, x.LinkKind, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "ReachReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReportId = table.Column<string>(type: "character varying(26)", maxLength: 26, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    IsLatest = table.Column<bool>(type: "boolean", nullable: false),
                    CampaignId = table.Column<string>(type: "character varying(26)", maxLength: 26, nullable: false),
                    ActivityKind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ActivityDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    WardCode = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    WardName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: true),
                    OrganisationName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Sessions = table.Column<int>(type: "integer", nullable: false),
                    Children = table.Column<int>(type: "integer", nullable: false),
                    Parents = table.Column<int>(type: "integer", nullable: false),
                    Teachers = table.Column<int>(type: "integer", nullable: false),
                    Others = table.Column<int>(type: "integer", nullable: false),
                    Posters = table.Column<int>(type: "integer", nullable: false),
                    Leaflets = table.Column<int>(type: "integer", nullable: false),
                    Handbooks = table.Column<int>(type: "integer", nullable: false),
                    HandyItems = table.Column<int>(type: "integer", nullable: false),
                    OtherMaterials = table.Column<int>(type: "integer", nullable: false),
                    IndirectReach = table.Column<int>(type: "integer", nullable: false),
                    Withdrawn = table.Column<bool>(type: "boolean", nullable: false),
                    ChangeNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
