using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using DaprShop.Catalog.Data.Postgres;

#nullable disable
// EF-generated index definitions pass literal column arrays, once per migration run.
#pragma warning disable CA1861

namespace DaprShop.Catalog.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Topic = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EventType = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Payload = table.Column<string>(type: "jsonb", nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastError = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "processed_events",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Handler = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProcessedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_processed_events", x => new { x.EventId, x.Handler });
                });

            migrationBuilder.CreateTable(
                name: "products",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    brand = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    category_path = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    attributes = table.Column<string>(type: "jsonb", nullable: false),
                    images = table.Column<List<string>>(type: "text[]", nullable: false),
                    slug = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    status = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    price_amount = table.Column<decimal>(type: "numeric(19,4)", precision: 19, scale: 4, nullable: false),
                    price_currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    rating_average = table.Column<decimal>(type: "numeric(4,2)", precision: 4, scale: 2, nullable: false),
                    rating_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_products", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_SentAt_NextAttemptAt",
                table: "outbox_messages",
                columns: new[] { "SentAt", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "ix_products_attributes",
                table: "products",
                column: "attributes")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "jsonb_path_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_products_tenant_brand",
                table: "products",
                columns: new[] { "tenant_id", "brand" });

            migrationBuilder.CreateIndex(
                name: "ix_products_tenant_category",
                table: "products",
                columns: new[] { "tenant_id", "category_path" })
                .Annotation("Npgsql:IndexOperators", new[] { "uuid_ops", "text_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_products_tenant_status_created",
                table: "products",
                columns: new[] { "tenant_id", "status", "created_at" },
                descending: new[] { false, false, true });

            migrationBuilder.CreateIndex(
                name: "ux_products_tenant_sku",
                table: "products",
                columns: new[] { "tenant_id", "sku" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_products_tenant_slug",
                table: "products",
                columns: new[] { "tenant_id", "slug" },
                unique: true);

            // Full text: a stored generated tsvector (name A, brand B, description C) that EF does not map, and a GIN
            // index over (tenant_id, search_vector) — btree_gin lets the tenant's equality share the text index.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS btree_gin;");
            migrationBuilder.Sql($"ALTER TABLE products ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({ProductSearchSql.SearchVectorExpression}) STORED;");
            migrationBuilder.Sql("CREATE INDEX ix_products_tenant_search ON products USING gin (tenant_id, search_vector);");
            // Price range and price sorts (the price columns belong to a complex property, which EF indexes cannot name).
            migrationBuilder.Sql("CREATE INDEX ix_products_tenant_price ON products (tenant_id, price_amount);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "processed_events");

            migrationBuilder.DropTable(
                name: "products");
        }
    }
}
