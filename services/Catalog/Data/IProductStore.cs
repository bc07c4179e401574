using DaprShop.Catalog.Domain;
using DaprShop.Contracts;

namespace DaprShop.Catalog.Data;

/// <summary>
/// Where products live: MongoDB in production, PostgreSQL where no MongoDB is configured. Both adapters pass the same
/// contract tests (tests/Catalog.Tests/Store). Every operation acts for the current tenant only and throws
/// <see cref="DaprShop.ServiceDefaults.Tenancy.TenantIsolationException"/> when there is none (fail closed).
/// A write commits its integration event with the change, so the event is sent if and only if the change happened.
/// </summary>
public interface IProductStore
{
    // The events are generic so they are serialised as what they are (ProductCreated...), not as the base record.

    /// <summary>Inserts a new product (version 1). Duplicate SKU or slug within the tenant → that outcome, nothing written.</summary>
    Task<ProductWrite> AddAsync<TEvent>(Product product, TEvent created, CancellationToken cancellationToken) where TEvent : IntegrationEvent;

    Task<Product?> GetAsync(Guid id, CancellationToken cancellationToken);

    Task<Product?> GetBySlugAsync(string slug, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the editable state of <paramref name="product"/> (everything but id, tenant, rating and creation time)
    /// if the stored version is still <paramref name="expectedVersion"/>, and sets its version to expected + 1. The
    /// database decides: of N concurrent updates from the same version exactly one is written.
    /// </summary>
    Task<ProductWrite> UpdateAsync<TEvent>(Product product, long expectedVersion, TEvent updated, CancellationToken cancellationToken)
        where TEvent : IntegrationEvent;

    Task<ProductSearchResult> SearchAsync(ProductQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the product's rating from the reviews service's summary of <paramref name="version"/>, if that is newer than
    /// the one it has (the database decides: a stale, repeated or concurrent older event changes nothing). The product's
    /// own <see cref="Product.Version"/> (its ETag) does not move. False when nothing changed (or no such product).
    /// </summary>
    Task<bool> ApplyRatingAsync(Guid productId, Rating rating, long version, CancellationToken cancellationToken);

    /// <summary>The products of these ids that exist in the tenant, in no particular order.</summary>
    Task<IReadOnlyList<Product>> GetManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);
}

public enum ProductWriteOutcome
{
    Written,
    NotFound,
    VersionMismatch,
    DuplicateSku,
    DuplicateSlug,
}

/// <summary>The outcome of a write; <see cref="Product"/> is the stored product after a successful write.</summary>
public sealed record ProductWrite(ProductWriteOutcome Outcome, Product? Product = null)
{
    public static ProductWrite Written(Product product) => new(ProductWriteOutcome.Written, product);
}

/// <summary>Bulk loading for the demo and benchmark seeder: many products at once, no events.</summary>
public interface IProductImporter
{
    Task ImportAsync(Guid tenantId, IReadOnlyList<Product> products, CancellationToken cancellationToken);

    /// <summary>How many products the tenant has, any status (the seeder leaves a non-empty tenant alone).</summary>
    Task<long> CountAsync(Guid tenantId, CancellationToken cancellationToken);
}
