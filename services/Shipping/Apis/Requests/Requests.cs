namespace DaprShop.Shipping.Apis.Requests;

/// <summary>The filter of the staff list: <c>?status=&amp;customerId=&amp;orderId=</c>.</summary>
internal sealed record ShipmentFilter(string? Status, Guid? CustomerId, Guid? OrderId);

/// <summary><c>?items=</c>: how many items go in the parcel (none: 1).</summary>
internal sealed record RateQuery(int? Items);
