namespace DaprShop.Shipping.Carriers.CarrierApi;

/// <summary>Which carrier shipping talks to (<c>Carrier</c> section); where it is lives in <c>components/</c>, not here.</summary>
internal sealed class CarrierOptions
{
    public const string Section = "Carrier";

    /// <summary>
    /// The Dapr <c>HTTPEndpoint</c> (or app id) the carrier's API is invoked as; its base URL, headers and resiliency
    /// policy are YAML (<c>components/common/carrier.yaml</c>, <c>resiliency.yaml</c>).
    /// </summary>
    public string Endpoint { get; set; } = "carrier";

    /// <summary>The carrier's name as stored on shipments and events.</summary>
    public string Name { get; set; } = "simulator";

    /// <summary>Where customers follow a parcel: this base + the tracking number.</summary>
    public string TrackingUrlBase { get; set; } = "https://track.carrier-simulator.local/";

    /// <summary>
    /// Bound on one carrier call, the sidecar's retries included (each attempt has the policy's own timeout): below the
    /// 5 s in which shipping's callers (the gateway, ordering's saga) give up, so a slow carrier queues the shipment or
    /// answers 503 rather than leaving the caller with a timeout of its own.
    /// </summary>
    public int CallTimeoutSeconds { get; set; } = 4;
}
