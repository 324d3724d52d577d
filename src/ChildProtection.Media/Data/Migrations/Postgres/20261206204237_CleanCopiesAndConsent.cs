using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Media.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CleanCopiesAndConsent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "CleanCopyReady",
                table: "MediaFiles",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ConsentDate",
                table: "MediaFiles",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConsentFormLocation",
                table: "MediaFiles",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConsentGivenBy",
                table: "MediaFiles",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConsentRelation",
                table: "MediaFiles",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ShowsChildren",
                table: "MediaFiles",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_MediaFiles_ShowsChildren_CreatedUtc_Id",
                table: "MediaFiles",
                columns: new[] { "ShowsChildren", "CreatedUtc", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MediaFiles_ShowsChildren_CreatedUtc_Id",
                table: "MediaFiles");

            migrationBuilder.DropColumn(
                name: "CleanCopyReady",
                table: "MediaFiles");

            migrationBuilder.DropColumn(
                name: "ConsentDate",
                table: "MediaFiles");

            migrationBuilder.DropColumn(
                name: "ConsentFormLocation",
                table: "MediaFiles");

            migrationBuilder.DropColumn(
                name: "ConsentGivenBy",
                table: "MediaFiles");

            migrationBuilder.DropColumn(
                name: "ConsentRelation",
                table: "MediaFiles");

            migrationBuilder.DropColumn(
                name: "ShowsChildren",
                table: "MediaFiles");
        }
    }
}
