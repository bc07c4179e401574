namespace DaprShop.Contracts.Shipping;

/// <summary>
/// Ship a confirmed order: the saga's "request shipment" step. One shipment per (tenant, order id): sending it again
/// answers the first shipment (200); the same order with other lines, customer, address or service level is 422.
/// <paramref name="ShippingAddressId"/> is the users service's address id as ordering stored it; <paramref name="Lines"/>
/// are the order's products and quantities. <paramref name="ServiceLevel"/> is one of <see cref="ServiceLevels"/>
/// (none: <c>standard</c>).
/// </summary>
public sealed record RequestShipmentRequest(
    Guid OrderId,
    string? OrderNumber,
    Guid CustomerId,
    Guid ShippingAddressId,
    string? ServiceLevel,
    IReadOnlyList<ShipmentLineRequest>? Lines);

/// <summary>
/// Cancel a shipment not yet handed over to the carrier, with the reason kept in its history and the event: an admin's
/// cancel, or ordering's when the customer cancelled the order.
/// </summary>
public sealed record CancelShipmentRequest(string? Reason);

/// <summary>A product of the order and how many of it go in the parcel.</summary>
public sealed record ShipmentLineRequest(Guid ProductId, int Quantity);

/// <summary>The carrier's service levels a shipment can be sent with.</summary>
public static class ServiceLevels
{
    public const string Standard = "standard";
    public const string Express = "express";

    public static readonly IReadOnlyList<string> All = [Standard, Express];
}
