using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaprShop.Catalog.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RatingVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "rating_version",
                table: "products",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "rating_version",
                table: "products");
        }
    }
}
