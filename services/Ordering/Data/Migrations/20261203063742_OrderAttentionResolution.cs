using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaprShop.Ordering.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrderAttentionResolution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "attention_resolution",
                table: "orders",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "attention_resolved_at",
                table: "orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "attention_resolved_by",
                table: "orders",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "attention_resolution",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "attention_resolved_at",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "attention_resolved_by",
                table: "orders");
        }
    }
}
