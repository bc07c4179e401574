using DaprShop.Contracts.Shipping;

namespace DaprShop.Shipping.Domain;

/// <summary>
/// The guarded state machine of a shipment. Forward only: requested → label_purchased → in_transit →
/// out_for_delivery → delivered, with exception possible once the carrier has the parcel and left again by a later
/// carrier update. A carrier state may be skipped (its webhook was lost: the next one still applies), but never gone
/// back to (a late, out-of-order update changes nothing). Cancelled only before hand-over (requested, label_purchased).
/// Delivered and cancelled are final.
/// </summary>
internal static class ShipmentTransitions
{
    const string Requested = ShipmentStatuses.Requested;
    const string Label = ShipmentStatuses.LabelPurchased;
    const string InTransit = ShipmentStatuses.InTransit;
    const string OutForDelivery = ShipmentStatuses.OutForDelivery;
    const string Delivered = ShipmentStatuses.Delivered;
    const string Exception = ShipmentStatuses.Exception;
    const string Cancelled = ShipmentStatuses.Cancelled;

    static readonly Dictionary<string, string[]> Next = new(StringComparer.Ordinal)
    {
        [Requested] = [Label, Cancelled],
        [Label] = [InTransit, OutForDelivery, Delivered, Exception, Cancelled],
        [InTransit] = [OutForDelivery, Delivered, Exception],
        [OutForDelivery] = [Delivered, Exception],
        [Exception] = [InTransit, OutForDelivery, Delivered],
        [Delivered] = [],
        [Cancelled] = [],
    };

    public static IReadOnlyList<string> All => [.. Next.Keys];

    public static bool IsKnown(string? status) => status is not null && Next.ContainsKey(status);

    public static bool Allows(string from, string to) => Next.TryGetValue(from, out var next) && next.Contains(to, StringComparer.Ordinal);

    /// <summary>The statuses <paramref name="to"/> may be reached from.</summary>
    public static IReadOnlyList<string> From(string to) => [.. Next.Where(kv => kv.Value.Contains(to, StringComparer.Ordinal)).Select(kv => kv.Key)];

    /// <summary>The carrier has the parcel (or had it): no cancelling any more.</summary>
    public static bool IsHandedOver(string status) => status is InTransit or OutForDelivery or Delivered or Exception;

    public static bool MayCancel(string status) => Allows(status, Cancelled);

    public static bool IsFinal(string status) => Next.TryGetValue(status, out var next) && next.Length == 0;

    /// <summary>The statuses a carrier's tracking update may name.</summary>
    public static bool IsCarrierStatus(string? status) => status is InTransit or OutForDelivery or Delivered or Exception;
}
