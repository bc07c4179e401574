using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaprShop.Ordering.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrderAttention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "attention_at",
                table: "orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "attention_reason",
                table: "orders",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "needs_attention",
                table: "orders",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "ix_orders_attention",
                table: "orders",
                columns: new[] { "tenant_id", "attention_at" },
                filter: "needs_attention");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_orders_attention",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "attention_at",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "attention_reason",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "needs_attention",
                table: "orders");
        }
    }
}
