using DaprShop.Contracts.Shipping;
using DaprShop.Shipping.Domain;

namespace DaprShop.Shipping.UnitTests;

/// <summary>The shipment's state machine: forward only, carrier steps may be skipped, cancel only before hand-over.</summary>
public sealed class ShipmentTransitionsTests
{
    [Theory]
    [InlineData(ShipmentStatuses.Requested, ShipmentStatuses.LabelPurchased)]
    [InlineData(ShipmentStatuses.LabelPurchased, ShipmentStatuses.InTransit)]
    [InlineData(ShipmentStatuses.InTransit, ShipmentStatuses.OutForDelivery)]
    [InlineData(ShipmentStatuses.OutForDelivery, ShipmentStatuses.Delivered)]
    [InlineData(ShipmentStatuses.InTransit, ShipmentStatuses.Exception)]
    [InlineData(ShipmentStatuses.Exception, ShipmentStatuses.OutForDelivery)]
    [InlineData(ShipmentStatuses.Exception, ShipmentStatuses.Delivered)]
    [InlineData(ShipmentStatuses.Requested, ShipmentStatuses.Cancelled)]
    [InlineData(ShipmentStatuses.LabelPurchased, ShipmentStatuses.Cancelled)]
    // A lost webhook: the next carrier update still applies.
    [InlineData(ShipmentStatuses.LabelPurchased, ShipmentStatuses.Delivered)]
    [InlineData(ShipmentStatuses.InTransit, ShipmentStatuses.Delivered)]
    public void The_lifecycle_moves_forward(string from, string to) => Assert.True(ShipmentTransitions.Allows(from, to));

    [Theory]
    [InlineData(ShipmentStatuses.InTransit, ShipmentStatuses.Cancelled)]
    [InlineData(ShipmentStatuses.OutForDelivery, ShipmentStatuses.Cancelled)]
    [InlineData(ShipmentStatuses.Exception, ShipmentStatuses.Cancelled)]
    [InlineData(ShipmentStatuses.Delivered, ShipmentStatuses.Cancelled)]
    public void Nothing_handed_over_can_be_cancelled(string from, string to) => Assert.False(ShipmentTransitions.Allows(from, to));

    [Theory]
    [InlineData(ShipmentStatuses.OutForDelivery, ShipmentStatuses.InTransit)]
    [InlineData(ShipmentStatuses.Delivered, ShipmentStatuses.InTransit)]
    [InlineData(ShipmentStatuses.Delivered, ShipmentStatuses.Exception)]
    [InlineData(ShipmentStatuses.InTransit, ShipmentStatuses.InTransit)]
    [InlineData(ShipmentStatuses.InTransit, ShipmentStatuses.LabelPurchased)]
    [InlineData(ShipmentStatuses.Requested, ShipmentStatuses.InTransit)]
    [InlineData(ShipmentStatuses.Requested, ShipmentStatuses.Delivered)]
    [InlineData(ShipmentStatuses.Cancelled, ShipmentStatuses.Requested)]
    [InlineData(ShipmentStatuses.Cancelled, ShipmentStatuses.InTransit)]
    public void Late_out_of_order_or_backward_moves_are_refused(string from, string to) => Assert.False(ShipmentTransitions.Allows(from, to));

    [Fact]
    public void Delivered_and_cancelled_are_final_and_nothing_else_is()
    {
        Assert.Equal([ShipmentStatuses.Delivered, ShipmentStatuses.Cancelled],
            ShipmentTransitions.All.Where(ShipmentTransitions.IsFinal).ToArray());
    }

    [Fact]
    public void Only_requested_and_label_purchased_may_be_cancelled() =>
        Assert.Equal([ShipmentStatuses.Requested, ShipmentStatuses.LabelPurchased], ShipmentTransitions.From(ShipmentStatuses.Cancelled));

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("IN_TRANSIT", false)]
    [InlineData(ShipmentStatuses.Requested, false)]
    [InlineData(ShipmentStatuses.Cancelled, false)]
    [InlineData(ShipmentStatuses.InTransit, true)]
    [InlineData(ShipmentStatuses.Exception, true)]
    public void A_carrier_may_only_name_carrier_statuses(string? status, bool allowed) =>
        Assert.Equal(allowed, ShipmentTransitions.IsCarrierStatus(status));
}
