using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ChildProtection.Notices.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Replies16 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "NoticeReplies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NoticeId = table.Column<int>(type: "integer", nullable: false),
                    OrganisationId = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    RecipientId = table.Column<long>(type: "bigint", nullable: false),
                    SubmittedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SubmittedFrom = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    WardCode = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    WardName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoticeReplies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NoticeReplies_Notices_NoticeId",
                        column: x => x.NoticeId,
                        principalTable: "Notices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NoticeReplyFields",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NoticeId = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Label = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Required = table.Column<bool>(type: "boolean", nullable: false),
                    Options = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoticeReplyFields", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NoticeReplyFields_Notices_NoticeId",
                        column: x => x.NoticeId,
                        principalTable: "Notices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NoticeReplyValues",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReplyId = table.Column<long>(type: "bigint", nullable: false),
                    FieldId = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Number = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    Date = table.Column<DateOnly>(type: "date", nullable: true),
                    StoredName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ContentType = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    Size = table.Column<long>(type: "bigint", nullable: true),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoticeReplyValues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NoticeReplyValues_NoticeReplies_ReplyId",
                        column: x => x.ReplyId,
                        principalTable: "NoticeReplies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NoticeReplyValues_NoticeReplyFields_FieldId",
                        column: x => x.FieldId,
                        principalTable: "NoticeReplyFields",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NoticeReplies_NoticeId_OrganisationId_Version",
                table: "NoticeReplies",
                columns: new[] { "NoticeId", "OrganisationId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NoticeReplyFields_NoticeId_Position",
                table: "NoticeReplyFields",
                columns: new[] { "NoticeId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_NoticeReplyValues_FieldId",
                table: "NoticeReplyValues",
                column: "FieldId");

            migrationBuilder.CreateIndex(
                name: "IX_NoticeReplyValues_ReplyId_FieldId",
                table: "NoticeReplyValues",
                columns: new[] { "ReplyId", "FieldId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NoticeReplyValues");

            migrationBuilder.DropTable(
                name: "NoticeReplies");

            migrationBuilder.DropTable(
                name: "NoticeReplyFields");
        }
    }
}
