using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ChildProtection.Organisations.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DirectoryOrganisations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: true),
                    WardId = table.Column<int>(type: "integer", nullable: true),
                    Address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    SuccessorId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectoryOrganisations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DirectoryOrganisations_DirectoryOrganisations_SuccessorId",
                        column: x => x.SuccessorId,
                        principalTable: "DirectoryOrganisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DirectoryOrganisations_DirectoryOrganisations_WardId",
                        column: x => x.WardId,
                        principalTable: "DirectoryOrganisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DirectoryContacts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Role = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectoryContacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DirectoryContacts_DirectoryOrganisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "DirectoryOrganisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DirectoryGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    RuleKinds = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RuleLevel = table.Column<int>(type: "integer", nullable: true),
                    RuleWardId = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectoryGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DirectoryGroups_DirectoryOrganisations_RuleWardId",
                        column: x => x.RuleWardId,
                        principalTable: "DirectoryOrganisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DirectoryContactEmails",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContactId = table.Column<int>(type: "integer", nullable: false),
                    Address = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Normalized = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectoryContactEmails", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DirectoryContactEmails_DirectoryContacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "DirectoryContacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DirectoryGroupMembers",
                columns: table => new
                {
                    GroupId = table.Column<int>(type: "integer", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectoryGroupMembers", x => new { x.GroupId, x.OrganisationId });
                    table.ForeignKey(
                        name: "FK_DirectoryGroupMembers_DirectoryGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "DirectoryGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DirectoryGroupMembers_DirectoryOrganisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "DirectoryOrganisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryContactEmails_ContactId",
                table: "DirectoryContactEmails",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryContactEmails_Normalized",
                table: "DirectoryContactEmails",
                column: "Normalized",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryContacts_OrganisationId",
                table: "DirectoryContacts",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryGroupMembers_OrganisationId",
                table: "DirectoryGroupMembers",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryGroups_Name",
                table: "DirectoryGroups",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryGroups_RuleWardId",
                table: "DirectoryGroups",
                column: "RuleWardId");

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryOrganisations_Code",
                table: "DirectoryOrganisations",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryOrganisations_Kind_Level",
                table: "DirectoryOrganisations",
                columns: new[] { "Kind", "Level" });

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryOrganisations_NameKey",
                table: "DirectoryOrganisations",
                column: "NameKey");

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryOrganisations_SuccessorId",
                table: "DirectoryOrganisations",
                column: "SuccessorId");

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryOrganisations_WardId",
                table: "DirectoryOrganisations",
                column: "WardId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DirectoryContactEmails");

            migrationBuilder.DropTable(
                name: "DirectoryGroupMembers");

            migrationBuilder.DropTable(
                name: "DirectoryContacts");

            migrationBuilder.DropTable(
                name: "DirectoryGroups");

            migrationBuilder.DropTable(
                name: "DirectoryOrganisations");
        }
    }
}
