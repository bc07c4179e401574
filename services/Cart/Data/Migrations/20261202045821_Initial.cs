using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaprShop.Cart.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cart_backups",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    cart_id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    document = table.Column<string>(type: "jsonb", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cart_backups", x => new { x.tenant_id, x.cart_id });
                });

            migrationBuilder.CreateTable(
                name: "cart_settings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    default_tax_rate = table.Column<decimal>(type: "numeric(7,6)", precision: 7, scale: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cart_settings", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "shipping_rates",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    flat_rate = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    free_from = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_shipping_rates", x => new { x.tenant_id, x.currency });
                });

            migrationBuilder.CreateTable(
                name: "tax_rates",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    region = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    rate = table.Column<decimal>(type: "numeric(7,6)", precision: 7, scale: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tax_rates", x => new { x.tenant_id, x.country, x.region });
                });

            migrationBuilder.CreateIndex(
                name: "IX_cart_backups_tenant_id",
                table: "cart_backups",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "IX_cart_settings_tenant_id",
                table: "cart_settings",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "IX_shipping_rates_tenant_id",
                table: "shipping_rates",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "IX_tax_rates_tenant_id",
                table: "tax_rates",
                column: "tenant_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cart_backups");

            migrationBuilder.DropTable(
                name: "cart_settings");

            migrationBuilder.DropTable(
                name: "shipping_rates");

            migrationBuilder.DropTable(
                name: "tax_rates");
        }
    }
}
