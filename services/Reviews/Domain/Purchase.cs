using DaprShop.ServiceDefaults.Tenancy;

namespace DaprShop.Reviews.Domain;

/// <summary>
/// A customer received a product (learned from ordering's <c>OrderDelivered</c>): what makes them a verified purchaser
/// who may review it. One per tenant, customer and product, whatever the number of orders or event deliveries.
/// </summary>
public sealed class Purchase : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }
    public Guid ProductId { get; set; }
    /// <summary>The first delivered order that had the product.</summary>
    public Guid OrderId { get; set; }
    public DateTimeOffset DeliveredAt { get; set; }
}

/// <summary>One user found a review helpful (one per user and review).</summary>
public sealed class HelpfulVote : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid ReviewId { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset VotedAt { get; set; }
}

/// <summary>A tenant's own blocked-word list for the screening (none: the default list).</summary>
public sealed class ModerationSettings : ITenantOwned
{
    public Guid TenantId { get; set; }
    public List<string> BlockedWords { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The stored form of a product's <see cref="RatingSummary"/>.</summary>
public sealed class ProductRating : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid ProductId { get; set; }
    public int Count { get; set; }
    public long Sum { get; set; }
    public int One { get; set; }
    public int Two { get; set; }
    public int Three { get; set; }
    public int Four { get; set; }
    public int Five { get; set; }
    public long Version { get; set; }

    public RatingSummary ToSummary() => new(ProductId, Count, Sum, [One, Two, Three, Four, Five], Version);
}
