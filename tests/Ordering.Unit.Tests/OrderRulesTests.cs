using DaprShop.Ordering.Domain;

namespace DaprShop.Ordering.UnitTests;

public sealed class OrderTransitionsTests
{
    [Theory]
    [InlineData(OrderStatus.Pending, OrderStatus.Confirmed)]
    [InlineData(OrderStatus.Pending, OrderStatus.Failed)]
    [InlineData(OrderStatus.Pending, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Confirmed, OrderStatus.Processing)]
    [InlineData(OrderStatus.Confirmed, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Processing, OrderStatus.Shipped)]
    [InlineData(OrderStatus.Processing, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Shipped, OrderStatus.Delivered)]
    internal void The_lifecycle_moves_are_allowed(OrderStatus from, OrderStatus to) => Assert.True(OrderTransitions.Allows(from, to));

    [Theory]
    [InlineData(OrderStatus.Pending, OrderStatus.Shipped)]
    [InlineData(OrderStatus.Confirmed, OrderStatus.Failed)]
    [InlineData(OrderStatus.Confirmed, OrderStatus.Pending)]
    [InlineData(OrderStatus.Shipped, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Delivered, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Cancelled, OrderStatus.Confirmed)]
    [InlineData(OrderStatus.Failed, OrderStatus.Confirmed)]
    [InlineData(OrderStatus.Pending, OrderStatus.Pending)]
    internal void Skipping_a_state_going_back_or_leaving_an_end_state_is_illegal(OrderStatus from, OrderStatus to) =>
        Assert.False(OrderTransitions.Allows(from, to));

    [Fact]
    public void No_state_leaves_an_end_state()
    {
        foreach (var end in Enum.GetValues<OrderStatus>().Where(s => s.IsFinal()))
            Assert.DoesNotContain(Enum.GetValues<OrderStatus>(), to => OrderTransitions.Allows(end, to));
    }

    [Fact]
    public void Cancellation_is_reachable_exactly_from_the_states_before_shipment()
    {
        Assert.Equal([OrderStatus.Pending, OrderStatus.Confirmed, OrderStatus.Processing], OrderTransitions.From(OrderStatus.Cancelled));
        Assert.False(OrderTransitions.CustomerMayCancel(OrderStatus.Shipped));
    }

    [Fact]
    public void Every_status_round_trips_through_its_code()
    {
        foreach (var s in Enum.GetValues<OrderStatus>())
            Assert.Equal(s, OrderStatuses.Parse(s.ToCode()));
        Assert.False(OrderStatuses.TryParse("PENDING", out _));
        Assert.False(OrderStatuses.TryParse(null, out _));
    }
}

public sealed class OrderNumbersTests
{
    [Theory]
    [InlineData(2026, 1, "DS-2026-000001")]
    [InlineData(2026, 123, "DS-2026-000123")]
    [InlineData(2027, 999_999, "DS-2027-999999")]
    [InlineData(2027, 1_234_567, "DS-2027-1234567")]
    public void A_number_is_the_prefix_the_year_and_the_zero_padded_sequence(int year, long sequence, string expected) =>
        Assert.Equal(expected, OrderNumbers.Format(year, sequence));

    [Fact]
    public void There_is_no_order_number_zero() => Assert.Throws<ArgumentOutOfRangeException>(() => OrderNumbers.Format(2026, 0));
}

public sealed class OrderFingerprintTests
{
    static readonly Guid Customer = Guid.CreateVersion7(), Ship = Guid.CreateVersion7(), Bill = Guid.CreateVersion7();
    static readonly Guid A = Guid.Parse("00000000-0000-0000-0000-00000000000a"), B = Guid.Parse("00000000-0000-0000-0000-00000000000b");

    static string Of(string token, params (Guid, int)[] lines) => OrderFingerprint.Of(Customer, Ship, Bill, token, lines);

    [Fact]
    public void Line_order_does_not_matter() => Assert.Equal(Of("tok", (A, 1), (B, 2)), Of("tok", (B, 2), (A, 1)));

    [Fact]
    public void A_product_split_over_two_lines_is_the_same_order() => Assert.Equal(Of("tok", (A, 3)), Of("tok", (A, 1), (A, 2)));

    [Fact]
    public void Surrounding_whitespace_of_the_token_does_not_matter() => Assert.Equal(Of("tok", (A, 1)), Of(" tok ", (A, 1)));

    [Fact]
    public void Another_quantity_product_token_or_address_is_another_order()
    {
        var first = Of("tok", (A, 1));
        Assert.NotEqual(first, Of("tok", (A, 2)));
        Assert.NotEqual(first, Of("tok", (B, 1)));
        Assert.NotEqual(first, Of("other", (A, 1)));
        Assert.NotEqual(first, OrderFingerprint.Of(Customer, Bill, Ship, "tok", [(A, 1)]));
        Assert.NotEqual(first, OrderFingerprint.Of(Guid.CreateVersion7(), Ship, Bill, "tok", [(A, 1)]));
    }

    [Fact]
    public void It_is_a_sha256_in_lower_case_hex() => Assert.Matches("^[0-9a-f]{64}$", Of("tok", (A, 1)));
}
