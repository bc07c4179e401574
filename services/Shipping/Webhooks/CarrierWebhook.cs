namespace DaprShop.Shipping.Webhooks;

/// <summary>A carrier's webhook body: an event id (replays are refused by it), a type and the tracking update.</summary>
internal sealed record CarrierWebhook(string Id, string Type, long Created, TrackingData Data);

/// <param name="Status">A carrier status: <c>in_transit</c>, <c>out_for_delivery</c>, <c>delivered</c>, <c>exception</c>.</param>
/// <param name="Metadata">What shipping attached when it bought the label: <c>tenantId</c>, <c>shipmentId</c>.</param>
internal sealed record TrackingData(
    string TrackingNumber, string Status, string? Detail, long OccurredAt, IReadOnlyDictionary<string, string>? Metadata);

internal static class CarrierWebhooks
{
    /// <summary>The signature header the carrier (simulator) sends: <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>.</summary>
    public const string SignatureHeader = "Carrier-Signature";

    public const string TrackingUpdated = "tracking.updated";
    public const string TenantId = "tenantId";
    public const string ShipmentId = "shipmentId";
}
