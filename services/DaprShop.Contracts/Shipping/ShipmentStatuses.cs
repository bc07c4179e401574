namespace DaprShop.Contracts.Shipping;

/// <summary>The <c>status</c> of a shipment as shipping answers it (services/Shipping/README.md has the state machine).</summary>
public static class ShipmentStatuses
{
    /// <summary>Accepted; the carrier's label is not bought yet (queued while the carrier is down).</summary>
    public const string Requested = "requested";

    /// <summary>The label is bought and the tracking number known; the parcel waits for the carrier's pick-up.</summary>
    public const string LabelPurchased = "label_purchased";

    /// <summary>Handed over: the carrier has the parcel.</summary>
    public const string InTransit = "in_transit";

    public const string OutForDelivery = "out_for_delivery";
    public const string Delivered = "delivered";

    /// <summary>The carrier reports a problem (address not found, damaged, held); later updates may still deliver it.</summary>
    public const string Exception = "exception";

    /// <summary>Cancelled before hand-over (the label, if any, voided at the carrier).</summary>
    public const string Cancelled = "cancelled";
}
