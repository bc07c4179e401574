using DaprShop.ServiceDefaults.Tenancy;

namespace DaprShop.Ordering.Data;

/// <summary>
/// An <c>Idempotency-Key</c> of a placement and the answer it got, kept 24 h. Inserted in the transaction that creates
/// the order, so a key is either unused or bound to its order; a concurrent request with the same key waits on the
/// unique key until that transaction ends and then reads the answer.
/// </summary>
internal sealed class IdempotencyRecord : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid CallerId { get; set; }

    /// <summary><see cref="ServiceDefaults.Idempotency.IdempotencyKey.StorageId"/>: the route and the key, hashed.</summary>
    public string KeyHash { get; set; } = "";

    public string Fingerprint { get; set; } = "";
    public int StatusCode { get; set; }
    public string ResponseBody { get; set; } = "";
    public Guid OrderId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The last order number drawn by a tenant in a year.</summary>
internal sealed class OrderSequence : ITenantOwned
{
    public Guid TenantId { get; set; }
    public int Year { get; set; }
    public long LastValue { get; set; }
}

/// <summary>Placements of one user in one minute (a fixed window), counted by an atomic upsert.</summary>
internal sealed class PlacementCounter : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid CustomerId { get; set; }
    public DateTimeOffset WindowStart { get; set; }
    public int Count { get; set; }
}
