using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChildProtection.Notices.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DomainLimitsDomains16 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DeliveryDomainRates",
                columns: table => new
                {
                    Domain = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    NextSlotMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeliveryDomainRates", x => x.Domain);
                });

            migrationBuilder.CreateTable(
                name: "DeliveryDomainSlots",
                columns: table => new
                {
                    Domain = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Slot = table.Column<int>(type: "INTEGER", nullable: false),
                    HeldBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ExpiresMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeliveryDomainSlots", x => new { x.Domain, x.Slot });
                });

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryDomainSlots_HeldBy",
                table: "DeliveryDomainSlots",
                column: "HeldBy");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeliveryDomainRates");

            migrationBuilder.DropTable(
                name: "DeliveryDomainSlots");
        }
    }
}
