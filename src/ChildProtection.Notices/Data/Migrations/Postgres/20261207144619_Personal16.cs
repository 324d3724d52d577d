using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ChildProtection.Notices.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Personal16 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "NoticeFileDownloads",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NoticeId = table.Column<int>(type: "integer", nullable: false),
                    RecipientId = table.Column<long>(type: "bigint", nullable: false),
                    AttachmentId = table.Column<int>(type: "integer", nullable: false),
                    FirstUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoticeFileDownloads", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NoticeFileDownloads_NoticeAttachments_AttachmentId",
                        column: x => x.AttachmentId,
                        principalTable: "NoticeAttachments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NoticeFileDownloads_NoticeRecipients_RecipientId",
                        column: x => x.RecipientId,
                        principalTable: "NoticeRecipients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NoticeFileDownloads_AttachmentId",
                table: "NoticeFileDownloads",
                column: "AttachmentId");

            migrationBuilder.CreateIndex(
                name: "IX_NoticeFileDownloads_NoticeId_AttachmentId",
                table: "NoticeFileDownloads",
                columns: new[] { "NoticeId", "AttachmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_NoticeFileDownloads_RecipientId_AttachmentId",
                table: "NoticeFileDownloads",
                columns: new[] { "RecipientId", "AttachmentId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NoticeFileDownloads");
        }
    }
}
