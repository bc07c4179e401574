namespace DaprShop.Ordering.Apis.Requests;

/// <summary>
/// <c>POST /api/v1/orders</c>: explicit lines, or none (<c>lines</c> left out or null) to check out the customer's cart;
/// the customer's shipping and billing address ids, and a payment-method token from payment. No prices: catalog's are used.
/// </summary>
internal sealed record PlaceOrderRequest(List<PlaceOrderLine>? Lines, Guid? ShippingAddressId, Guid? BillingAddressId, string? PaymentMethodToken);

internal sealed record PlaceOrderLine(Guid? ProductId, int? Quantity);

/// <summary><c>POST /api/v1/orders/{id}/cancel</c>: an optional reason, kept in the order's history.</summary>
internal sealed record CancelOrderRequest(string? Reason);

/// <summary>
/// <c>GET /api/v1/orders?status=&amp;customerId=&amp;attention=</c>, besides paging. <c>attention=true</c> (support and
/// admin only): the orders a compensation could not finish for, flagged by the saga for operators.
/// </summary>
internal sealed record OrderFilter(string? Status, Guid? CustomerId, bool? Attention);

/// <summary><c>POST /api/v1/orders/{id}/attention/resolve</c> (admin): what was done by hand to settle a flagged order.</summary>
internal sealed record ResolveAttentionRequest(string? Note);
