namespace DaprShop.Contracts.Catalog;

/// <summary>
/// Catalog's product lookup (<c>POST /api/v1/products/lookup</c> with a user token, and the service route
/// <c>POST /internal/v1/products/lookup</c> for cart and ordering through Dapr invocation, tenant in <c>X-Tenant-ID</c>):
/// the current sku, name, price and status of up to <see cref="MaxIds"/> products by id.
/// </summary>
public sealed record ProductLookupRequest(List<Guid>? Ids)
{
    public const int MaxIds = 200;
}

/// <summary>The found products in request order (duplicates once), and the ids the tenant does not have.</summary>
public sealed record ProductLookupResponse(IReadOnlyList<ProductLookupItem> Items, IReadOnlyList<Guid> Missing);

/// <summary>What cart and ordering need to price and check a line: the current state, never a cached client copy.</summary>
/// <param name="Status"><c>draft</c>, <c>active</c> or <c>archived</c>; only an active product is sold.</param>
public sealed record ProductLookupItem(Guid Id, string Sku, string Name, ProductPrice Price, string Status)
{
    public const string Active = "active";
}

/// <summary>A decimal amount in an ISO 4217 currency (docs/api-conventions.md, "Money").</summary>
public sealed record ProductPrice(decimal Amount, string Currency);
