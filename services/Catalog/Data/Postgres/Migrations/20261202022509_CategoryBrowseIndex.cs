using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable
// EF-generated index definitions pass literal column arrays, once per migration run.
#pragma warning disable CA1861

namespace DaprShop.Catalog.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CategoryBrowseIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_products_tenant_category",
                table: "products");

            // Category browsing: the subtree is one prefix range on path || '/' (ProductSearchSql.CategoryKeyExpression), and
            // the index carries every column the search reads for sorting and facets, so browsing tens of thousands of
            // products is an index-only scan rather than a bitmap walk over the whole heap.
            migrationBuilder.Sql("CREATE INDEX ix_products_tenant_status_category ON products (tenant_id, status, (category_path || '/') text_pattern_ops) " +
                                 "INCLUDE (category_path, brand, price_amount, created_at, rating_average, rating_count, id);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_products_tenant_status_category;");
            migrationBuilder.CreateIndex(
                name: "ix_products_tenant_category",
                table: "products",
                columns: new[] { "tenant_id", "category_path" })
                .Annotation("Npgsql:IndexOperators", new[] { "uuid_ops", "text_pattern_ops" });
        }
    }
}
