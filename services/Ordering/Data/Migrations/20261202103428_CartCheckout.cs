using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaprShop.Ordering.Data.Migrations
{
    /// <inheritdoc />
    public partial class CartCheckout : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "from_cart",
                table: "orders",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "from_cart",
                table: "orders");
        }
    }
}
