using DaprShop.Catalog.Domain;
using DaprShop.Contracts;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DaprShop.Catalog.Data.Postgres;

/// <summary>
/// Products on PostgreSQL through EF Core. LINQ reads go through the shared tenant filter; the search is one SQL
/// statement (<see cref="ProductSearchSql"/>) with the tenant built in. A write and its event are one SaveChanges,
/// i.e. one transaction: the outbox row commits with the product row or not at all.
/// </summary>
internal sealed class PostgresProductStore(CatalogDb db, IntegrationEventOutbox outbox, ITenantContext tenant) : IProductStore
{
    public async Task<ProductWrite> AddAsync<TEvent>(Product product, TEvent created, CancellationToken cancellationToken)
        where TEvent : IntegrationEvent
    {
        ArgumentNullException.ThrowIfNull(product);
        RequireTenant();
        product.Version = 1;
        db.Products.Add(product);
        outbox.Stage(Topics.ProductEvents, created);
        return await SaveAsync(product, cancellationToken);
    }

    public Task<Product?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        RequireTenant();
        return db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
    }

    public Task<Product?> GetBySlugAsync(string slug, CancellationToken cancellationToken)
    {
        RequireTenant();
        return db.Products.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken);
    }

    public async Task<ProductWrite> UpdateAsync<TEvent>(Product product, long expectedVersion, TEvent updated, CancellationToken cancellationToken)
        where TEvent : IntegrationEvent
    {
        ArgumentNullException.ThrowIfNull(product);
        RequireTenant();
        // Loaded through the tenant filter, so an id of another tenant is simply not found.
        var stored = await db.Products.SingleOrDefaultAsync(p => p.Id == product.Id, cancellationToken);
        if (stored is null) return new ProductWrite(ProductWriteOutcome.NotFound);
        if (stored.Version != expectedVersion) return new ProductWrite(ProductWriteOutcome.VersionMismatch, Detached(stored));

        stored.Sku = product.Sku;
        stored.Name = product.Name;
        stored.Description = product.Description;
        stored.Brand = product.Brand;
        stored.CategoryPath = product.CategoryPath;
        stored.Price = product.Price;
        stored.Attributes = new Dictionary<string, string>(product.Attributes, StringComparer.Ordinal);
        stored.Images = [.. product.Images];
        stored.Slug = product.Slug;
        stored.Status = product.Status;
        stored.UpdatedAt = product.UpdatedAt;
        // The UPDATE carries WHERE version = expectedVersion (concurrency token): a concurrent writer that got there
        // first makes this one affect no row, which EF reports as a concurrency failure.
        stored.Version = expectedVersion + 1;
        outbox.Stage(Topics.ProductEvents, updated);
        try
        {
            return await SaveAsync(stored, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var now = await GetAsync(product.Id, cancellationToken);
            return now is null ? new ProductWrite(ProductWriteOutcome.NotFound) : new ProductWrite(ProductWriteOutcome.VersionMismatch, now);
        }
    }

    public async Task<ProductSearchResult> SearchAsync(ProductQuery query, CancellationToken cancellationToken)
    {
        var command = ProductSearchSql.Build(RequireTenant(), query);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var sql = command.ToNpgsqlCommand(connection);
            await using var reader = await sql.ExecuteReaderAsync(cancellationToken);
            return await ProductSearchSql.ReadAsync(reader, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public async Task<bool> ApplyRatingAsync(Guid productId, Rating rating, long version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rating);
        var tenantId = RequireTenant();
        // One conditional UPDATE: the version in the WHERE makes the database drop a stale event, whatever the order.
        return await db.Database.ExecuteSqlAsync($"""
            UPDATE products SET rating_average = {rating.Average}, rating_count = {rating.Count}, rating_version = {version}
            WHERE tenant_id = {tenantId} AND id = {productId} AND rating_version < {version}
            """, cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<Product>> GetManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        RequireTenant();
        var list = ids.Distinct().ToList();
        return await db.Products.AsNoTracking().Where(p => list.Contains(p.Id)).ToListAsync(cancellationToken);
    }

    async Task<ProductWrite> SaveAsync(Product product, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return ProductWrite.Written(Detached(product));
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
        {
            db.ChangeTracker.Clear();
            return unique.ConstraintName switch
            {
                ProductConfiguration.UniqueSku => new ProductWrite(ProductWriteOutcome.DuplicateSku),
                ProductConfiguration.UniqueSlug => new ProductWrite(ProductWriteOutcome.DuplicateSlug),
                _ => throw new InvalidOperationException($"unexpected unique violation on {unique.ConstraintName}", e),
            };
        }
    }

    Product Detached(Product product)
    {
        db.Entry(product).State = EntityState.Detached;
        return product;
    }

    Guid RequireTenant() => tenant.TenantId ?? throw new TenantIsolationException("catalog: a product store call with no tenant in context");
}
