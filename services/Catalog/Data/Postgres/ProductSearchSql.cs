using System.Globalization;
using System.Text;
using System.Text.Json;
using DaprShop.Catalog.Domain;
using Npgsql;
using NpgsqlTypes;

namespace DaprShop.Catalog.Data.Postgres;

/// <summary>
/// The catalogue search as one SQL statement, so a search is one round trip: the matching rows are materialised once
/// (only the columns sorting and facets need), the page is read from them, and the total and both facets come from one
/// grouping-sets pass over them. The tenant
/// is always the first predicate: hand-written SQL does not pass through EF's tenant filter, so it is built in here
/// and cannot be left out. Public for the benchmark, which runs exactly this SQL directly on Npgsql.
/// </summary>
public static class ProductSearchSql
{
    public const string TextSearchConfig = "english";
    public const int FacetSize = 20;

    /// <summary>
    /// The stored generated column the migration creates: name weighs most (A), then brand (B), then description (C).
    /// </summary>
    public const string SearchVectorExpression =
        "setweight(to_tsvector('english', coalesce(name, '')), 'A') || " +
        "setweight(to_tsvector('english', coalesce(brand, '')), 'B') || " +
        "setweight(to_tsvector('english', coalesce(description, '')), 'C')";

    /// <summary>The indexed form of a category path for subtree matching (see the Initial migration).</summary>
    public const string CategoryKeyExpression = "(p.category_path || '/')";

    public sealed record Command(string Sql, IReadOnlyList<NpgsqlParameter> Parameters)
    {
        public NpgsqlCommand ToNpgsqlCommand(NpgsqlConnection connection)
        {
            var command = new NpgsqlCommand(Sql, connection);
            foreach (var p in Parameters) command.Parameters.Add(p.Clone());
            return command;
        }
    }

    public static Command Build(Guid tenantId, ProductQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (tenantId == Guid.Empty) throw new ArgumentException("a search always names its tenant", nameof(tenantId));
        var parameters = new List<NpgsqlParameter> { new("tenant", NpgsqlDbType.Uuid) { Value = tenantId } };
        var where = new List<string> { "p.tenant_id = @tenant" };
        var from = "products p";
        var rank = "";

        if (query.HasText)
        {
            from += $", websearch_to_tsquery('{TextSearchConfig}', @text) AS q(query)";
            rank = ", ts_rank(p.search_vector, q.query) AS rank";
            where.Add("p.search_vector @@ q.query");
            parameters.Add(new("text", NpgsqlDbType.Text) { Value = query.Text!.Trim() });
        }
        if (query.Statuses.Count == 1)
        {
            where.Add("p.status = @status");
            parameters.Add(new("status", NpgsqlDbType.Text) { Value = query.Statuses[0].ToWire() });
        }
        else if (query.Statuses.Count > 1)
        {
            where.Add("p.status = ANY(@statuses)");
            parameters.Add(new("statuses", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = query.Statuses.Select(s => s.ToWire()).ToArray() });
        }
        if (query.Category is { } category)
        {
            // The subtree of a/b is every path whose "path/" starts with "a/b/": one prefix range (not an OR of two), so the
            // covering index ix_products_tenant_status_category serves browsing with an index-only scan. The path alphabet
            // has no LIKE wildcards (CategoryPaths), so the prefix needs no escaping.
            where.Add($"{CategoryKeyExpression} LIKE @categoryPrefix");
            parameters.Add(new("categoryPrefix", NpgsqlDbType.Text) { Value = category + "/%" });
        }
        if (query.Brands.Count == 1)
        {
            where.Add("p.brand = @brand");
            parameters.Add(new("brand", NpgsqlDbType.Text) { Value = query.Brands[0] });
        }
        else if (query.Brands.Count > 1)
        {
            where.Add("p.brand = ANY(@brands)");
            parameters.Add(new("brands", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = query.Brands.ToArray() });
        }
        if (query.MinPrice is { } min)
        {
            where.Add("p.price_amount >= @minPrice");
            parameters.Add(new("minPrice", NpgsqlDbType.Numeric) { Value = min });
        }
        if (query.MinRating is { } minRating)
        {
            where.Add("p.rating_average >= @minRating");
            parameters.Add(new("minRating", NpgsqlDbType.Numeric) { Value = minRating });
        }
        if (query.MaxPrice is { } max)
        {
            where.Add("p.price_amount <= @maxPrice");
            parameters.Add(new("maxPrice", NpgsqlDbType.Numeric) { Value = max });
        }
        if (query.Currency is { } currency)
        {
            where.Add("p.price_currency = @currency");
            parameters.Add(new("currency", NpgsqlDbType.Text) { Value = currency });
        }
        if (query.Attributes.Count > 0)
        {
            // Containment uses the jsonb_path_ops GIN index; the keys were validated, the values travel as JSON.
            where.Add("p.attributes @> @attributes");
            parameters.Add(new("attributes", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(query.Attributes) });
        }
        parameters.Add(new("limit", NpgsqlDbType.Integer) { Value = query.PageSize });
        parameters.Add(new("offset", NpgsqlDbType.Bigint) { Value = query.Offset });

        var order = OrderBy(query.EffectiveSort, query.HasText);
        var sql = new StringBuilder()
            .Append("WITH m AS MATERIALIZED (\n")
            .Append("  SELECT p.id, p.category_path, p.brand, p.price_amount, p.created_at, p.rating_average, p.rating_count").Append(rank).Append('\n')
            .Append("  FROM ").Append(from).Append('\n')
            .Append("  WHERE ").AppendJoin("\n    AND ", where).Append('\n')
            .Append("),\n")
            .Append("pg AS (SELECT * FROM m ORDER BY ").Append(order("m")).Append(" LIMIT @limit OFFSET @offset),\n")
            // Total and both facets in one pass over the matches.
            .Append("agg AS (SELECT grouping(category_path) AS gc, grouping(brand) AS gb, category_path, brand, count(*) AS n\n")
            .Append("  FROM m GROUP BY GROUPING SETS ((), (category_path), (brand)))\n")
            .Append("SELECT\n")
            .Append("  coalesce((SELECT n FROM agg WHERE gc = 1 AND gb = 1), 0) AS total,\n")
            .Append("  (SELECT coalesce(json_agg(json_build_object(")
            .Append("'id', p.id, 'sku', p.sku, 'slug', p.slug, 'name', p.name, 'brand', p.brand, 'categoryPath', p.category_path, ")
            .Append("'amount', p.price_amount, 'currency', p.price_currency, 'status', p.status, ")
            .Append("'ratingAverage', p.rating_average, 'ratingCount', p.rating_count, 'image', p.images[1], 'createdAt', p.created_at")
            .Append(") ORDER BY ").Append(order("pg")).Append("), '[]'::json)\n")
            .Append("     FROM pg JOIN products p ON p.id = pg.id) AS items,\n")
            .Append(Facet("category_path", "gc = 0")).Append(" AS categories,\n")
            .Append(Facet("brand", "gb = 0")).Append(" AS brands");
        return new Command(sql.ToString(), parameters);
    }

    static string Facet(string column, string groupedBy) =>
        $"  (SELECT coalesce(json_agg(json_build_object('value', f.v, 'count', f.n) ORDER BY f.n DESC, f.v), '[]'::json)\n" +
        $"     FROM (SELECT {column} AS v, n FROM agg WHERE {groupedBy} ORDER BY n DESC, {column} LIMIT {FacetSize.ToString(CultureInfo.InvariantCulture)}) f)";

    /// <summary>Every order ends on the id, so pages are stable when the sort key ties.</summary>
    internal static Func<string, string> OrderBy(ProductSort sort, bool hasText) => sort switch
    {
        ProductSort.Relevance when hasText => a => $"{a}.rank DESC, {a}.id DESC",
        ProductSort.PriceAscending => a => $"{a}.price_amount ASC, {a}.id ASC",
        ProductSort.PriceDescending => a => $"{a}.price_amount DESC, {a}.id DESC",
        ProductSort.Rating => a => $"{a}.rating_average DESC, {a}.rating_count DESC, {a}.id DESC",
        _ => a => $"{a}.created_at DESC, {a}.id DESC",
    };

    /// <summary>Reads the statement's single row.</summary>
    public static async Task<ProductSearchResult> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (!await reader.ReadAsync(cancellationToken)) throw new InvalidOperationException("the search statement returned no row");
        var total = reader.GetInt64(0);
        var items = JsonSerializer.Deserialize<List<Row>>(reader.GetString(1), JsonSerializerOptions.Web)!;
        var categories = JsonSerializer.Deserialize<List<FacetCount>>(reader.GetString(2), JsonSerializerOptions.Web)!;
        var brands = JsonSerializer.Deserialize<List<FacetCount>>(reader.GetString(3), JsonSerializerOptions.Web)!;
        return new ProductSearchResult(
            [.. items.Select(r => new ProductSummary(r.Id, r.Sku, r.Slug, r.Name, r.Brand, r.CategoryPath, new Money(r.Amount, r.Currency),
                ProductStatuses.FromWire(r.Status), new Rating(r.RatingAverage, r.RatingCount), r.Image, r.CreatedAt))],
            total, categories, brands);
    }

    sealed record Row(Guid Id, string Sku, string Slug, string Name, string Brand, string CategoryPath, decimal Amount, string Currency,
        string Status, decimal RatingAverage, int RatingCount, string? Image, DateTimeOffset CreatedAt);
}
