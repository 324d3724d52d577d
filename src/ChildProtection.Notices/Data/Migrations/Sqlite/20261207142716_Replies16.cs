using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Notices.Data.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NoticeId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    RecipientId = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmittedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SubmittedFrom = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    WardCode = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    WardName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NoticeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false),
                    Options = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReplyId = table.Column<long>(type: "INTEGER", nullable: false),
                    FieldId = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Number = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    StoredName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true),
                    Size = table.Column<long>(type: "INTEGER", nullable: true),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
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
