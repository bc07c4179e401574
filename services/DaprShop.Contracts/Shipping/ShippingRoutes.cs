namespace DaprShop.Contracts.Shipping;

/// <summary>
/// shipping's service routes for ordering's saga, through Dapr invocation of app <c>shipping</c> with the tenant in
/// <c>X-Tenant-ID</c> and no user token. Idempotent by order id.
/// </summary>
public static class ShippingRoutes
{
    public const string AppId = "shipping";

    /// <summary><c>POST</c> <see cref="RequestShipmentRequest"/> → 201 (first time) or 200 (same order again), <see cref="ShipmentResponse"/>.</summary>
    public const string RequestShipment = "/internal/v1/shipments";

    /// <summary><c>GET</c> → <see cref="ShipmentResponse"/> (with history) or 404.</summary>
    public static string Shipment(Guid orderId) => $"/internal/v1/shipments/{orderId}";

    /// <summary>
    /// <c>POST</c> <see cref="CancelShipmentRequest"/> → 200 <see cref="ShipmentResponse"/> (cancelled, also when it was
    /// already), 404 (the order has no shipment), 409 (the carrier has the parcel: it can no longer be cancelled).
    /// </summary>
    public static string CancelShipment(Guid orderId) => $"/internal/v1/shipments/{orderId}/cancel";
}
