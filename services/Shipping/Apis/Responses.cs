using DaprShop.Contracts.Payment;
using DaprShop.Contracts.Shipping;
using DaprShop.Shipping.Carriers;
using DaprShop.Shipping.Domain;

namespace DaprShop.Shipping.Apis;

internal static class Responses
{
    public static ShipmentResponse ToResponse(this Shipment s, ICarrier carrier, IReadOnlyList<ShipmentHistoryEntry>? history = null) => new(
        s.Id, s.OrderId, s.OrderNumber, s.CustomerId, s.ShippingAddressId, s.Status, s.ServiceLevel, s.Carrier, s.TrackingNumber,
        s.TrackingNumber is { } t ? carrier.TrackingUrl(t) : null,
        s.RateAmount is { } amount && s.RateCurrency is { } currency ? new MoneyAmount(amount, currency) : null,
        [.. s.Lines.OrderBy(l => l.LineNo).Select(l => new ShipmentLineRequest(l.ProductId, l.Quantity))],
        s.CreatedAt, s.UpdatedAt, s.DispatchedAt, s.DeliveredAt,
        history?.Select(h => new ShipmentStatusChange(h.Status, h.At, h.Source, h.Detail)).ToList());
}
