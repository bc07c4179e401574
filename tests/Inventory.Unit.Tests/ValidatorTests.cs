using DaprShop.Contracts.Inventory;
using DaprShop.Inventory.Apis.Requests;
using DaprShop.Inventory.Validation;

namespace DaprShop.Inventory.UnitTests;

public sealed class ValidatorTests
{
    static readonly Guid Order = Guid.CreateVersion7();

    public static TheoryData<ReserveStockRequest> BadReservations() => new()
    {
        new ReserveStockRequest(Guid.Empty, [new StockLine("A", 1)]),
        new ReserveStockRequest(Order, null!),
        new ReserveStockRequest(Order, []),
        new ReserveStockRequest(Order, [null!]),
        new ReserveStockRequest(Order, [new StockLine(null!, 1)]),
        new ReserveStockRequest(Order, [new StockLine("", 1)]),
        new ReserveStockRequest(Order, [new StockLine("has space", 1)]),
        new ReserveStockRequest(Order, [new StockLine(new string('A', 65), 1)]),
        new ReserveStockRequest(Order, [new StockLine("A", 0)]),
        new ReserveStockRequest(Order, [new StockLine("A", -5)]),
        new ReserveStockRequest(Order, [new StockLine("A", 1_000_001)]),
        new ReserveStockRequest(Order, [new StockLine("A", 1), new StockLine("A", 1)]),
        new ReserveStockRequest(Order, [.. Enumerable.Range(0, 101).Select(i => new StockLine($"S{i}", 1))]),
    };

    [Theory]
    [MemberData(nameof(BadReservations))]
    public void A_bad_reservation_is_refused_without_throwing(ReserveStockRequest request) =>
        Assert.False(new ReserveStockRequestValidator().Validate(request).IsValid);

    [Fact]
    public void A_reservation_of_distinct_skus_in_range_is_valid() =>
        Assert.True(new ReserveStockRequestValidator().Validate(
            new ReserveStockRequest(Order, [new StockLine("A-1", 1), new StockLine("a-1", 1_000_000), new StockLine("B.2_x", 3)])).IsValid);

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(201)]
    public void Availability_takes_one_to_two_hundred_skus(int? count)
    {
        var request = new StockAvailabilityRequest(count is { } n ? [.. Enumerable.Range(0, n).Select(i => $"S{i}")] : null!);

        Assert.False(new StockAvailabilityRequestValidator().Validate(request).IsValid);
    }

    [Fact]
    public void Availability_refuses_a_sku_twice() =>
        Assert.False(new StockAvailabilityRequestValidator().Validate(new StockAvailabilityRequest(["A", "B", "A"])).IsValid);

    [Theory]
    [InlineData(null, "why")]
    [InlineData(-1L, "why")]
    [InlineData(1_000_000_001L, "why")]
    [InlineData(5L, null)]
    [InlineData(5L, "  ")]
    public void An_adjustment_needs_a_quantity_in_range_and_a_reason(long? quantity, string? reason) =>
        Assert.False(new AdjustmentRequestValidator().Validate(new AdjustmentRequest(null, quantity, reason)).IsValid);

    [Fact]
    public void An_adjustment_with_a_reason_and_zero_is_valid_for_a_count() =>
        Assert.True(new AdjustmentRequestValidator().Validate(new AdjustmentRequest(Guid.CreateVersion7(), 0, "stocktake")).IsValid);
}
