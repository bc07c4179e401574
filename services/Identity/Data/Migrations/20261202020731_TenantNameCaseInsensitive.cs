using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaprShop.Identity.Data.Migrations
{
    /// <inheritdoc />
    public partial class TenantNameCaseInsensitive : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tenants_Name",
                table: "Tenants");

            migrationBuilder.AddColumn<string>(
                name: "NormalizedName",
                table: "Tenants",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                computedColumnSql: "lower(\"Name\")",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tenants_NormalizedName",
                table: "Tenants",
                column: "NormalizedName",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tenants_NormalizedName",
                table: "Tenants");

            migrationBuilder.DropColumn(
                name: "NormalizedName",
                table: "Tenants");

            migrationBuilder.CreateIndex(
                name: "IX_Tenants_Name",
                table: "Tenants",
                column: "Name",
                unique: true);
        }
    }
}
