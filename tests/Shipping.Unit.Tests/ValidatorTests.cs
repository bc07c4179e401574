using DaprShop.Contracts.Shipping;
using DaprShop.Shipping.Apis.Requests;
using DaprShop.Shipping.Validation;

namespace DaprShop.Shipping.UnitTests;

public sealed class ValidatorTests
{
    static RequestShipmentRequest Valid(string? level = null, IReadOnlyList<ShipmentLineRequest>? lines = null) =>
        new(Guid.NewGuid(), "DS-2026-000001", Guid.NewGuid(), Guid.NewGuid(), level, lines ?? [new ShipmentLineRequest(Guid.NewGuid(), 2)]);

    static IEnumerable<string> Errors(RequestShipmentRequest r) =>
        new RequestShipmentRequestValidator().Validate(r).Errors.Select(e => e.PropertyName);

    [Theory]
    [InlineData(null)]
    [InlineData(ServiceLevels.Standard)]
    [InlineData(ServiceLevels.Express)]
    public void A_complete_request_is_valid(string? level) => Assert.Empty(Errors(Valid(level)));

    [Theory]
    [InlineData("overnight")]
    [InlineData("EXPRESS")]
    [InlineData("")]
    public void An_unknown_service_level_is_refused(string level) => Assert.Contains("ServiceLevel", Errors(Valid(level)));

    [Fact]
    public void Empty_ids_are_refused()
    {
        var errors = Errors(Valid() with { OrderId = Guid.Empty, CustomerId = Guid.Empty, ShippingAddressId = Guid.Empty }).ToList();

        Assert.Contains("OrderId", errors);
        Assert.Contains("CustomerId", errors);
        Assert.Contains("ShippingAddressId", errors);
    }

    [Fact]
    public void No_lines_too_many_lines_and_bad_quantities_are_refused()
    {
        Assert.Contains("Lines", Errors(Valid() with { Lines = null }));
        Assert.Contains("Lines", Errors(Valid(lines: [])));
        Assert.Contains("Lines", Errors(Valid(lines: [.. Enumerable.Range(0, 101).Select(_ => new ShipmentLineRequest(Guid.NewGuid(), 1))])));
        Assert.Contains("Lines[0].Quantity", Errors(Valid(lines: [new ShipmentLineRequest(Guid.NewGuid(), 0)])));
        Assert.Contains("Lines[0].Quantity", Errors(Valid(lines: [new ShipmentLineRequest(Guid.NewGuid(), 10_001)])));
        Assert.Contains("Lines[0].ProductId", Errors(Valid(lines: [new ShipmentLineRequest(Guid.Empty, 1)])));
    }

    [Theory]
    [InlineData("requested", true)]
    [InlineData("label_purchased", true)]
    [InlineData("shipped", false)]
    [InlineData("", false)]
    public void The_status_filter_takes_shipment_statuses(string status, bool valid) =>
        Assert.Equal(valid, new ShipmentFilterValidator().Validate(new ShipmentFilter(status, null, null)).IsValid);

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("Customer moved", true)]
    public void A_cancel_needs_a_reason(string? reason, bool valid) =>
        Assert.Equal(valid, new CancelShipmentRequestValidator().Validate(new CancelShipmentRequest(reason)).IsValid);
}
