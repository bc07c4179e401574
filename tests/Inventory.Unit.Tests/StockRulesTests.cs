using DaprShop.Contracts.Inventory;
using DaprShop.Inventory.Domain;

namespace DaprShop.Inventory.UnitTests;

public sealed class StockRulesTests
{
    [Theory]
    [InlineData(10, 4, 5, true)]   // from above to below
    [InlineData(5, 4, 5, true)]    // from exactly the threshold to below
    [InlineData(10, 5, 5, false)]  // down to the threshold: not below
    [InlineData(4, 3, 5, false)]   // already below: no second alert
    [InlineData(3, 10, 5, false)]  // going up
    [InlineData(10, 0, 0, false)]  // no threshold
    public void Low_stock_is_announced_only_when_available_crosses_below_the_threshold(long before, long after, long threshold, bool crosses) =>
        Assert.Equal(crosses, StockRules.CrossesBelowThreshold(before, after, threshold));

    [Fact]
    public void Lines_are_locked_in_ordinal_sku_order_whatever_order_they_came_in() =>
        Assert.Equal(["A", "B", "a", "b"], StockRules.Sorted([new StockLine("b", 1), new StockLine("A", 1), new StockLine("a", 1), new StockLine("B", 1)])
            .Select(l => l.Sku));

    [Fact]
    public void The_same_lines_in_another_order_are_the_same_request() =>
        Assert.True(StockRules.SameLines([new StockLine("A", 1), new StockLine("B", 2)], [new StockLine("B", 2), new StockLine("A", 1)]));

    [Theory]
    [InlineData("A", 2)]
    [InlineData("C", 1)]
    public void Other_quantities_or_skus_are_another_request(string sku, int quantity) =>
        Assert.False(StockRules.SameLines([new StockLine("A", 1)], [new StockLine(sku, quantity)]));
}
