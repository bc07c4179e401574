namespace DaprShop.Ordering.Domain;

/// <summary>The states of an order, stored and answered as lower-case codes (<see cref="OrderStatuses"/>).</summary>
internal enum OrderStatus
{
    Pending,
    Confirmed,
    Processing,
    Shipped,
    Delivered,
    Cancelled,
    Failed,
}

internal static class OrderStatuses
{
    public static string ToCode(this OrderStatus status) => status switch
    {
        OrderStatus.Pending => "pending",
        OrderStatus.Confirmed => "confirmed",
        OrderStatus.Processing => "processing",
        OrderStatus.Shipped => "shipped",
        OrderStatus.Delivered => "delivered",
        OrderStatus.Cancelled => "cancelled",
        OrderStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string? code, out OrderStatus status)
    {
        foreach (var s in Enum.GetValues<OrderStatus>())
        {
            if (string.Equals(s.ToCode(), code, StringComparison.Ordinal))
            {
                status = s;
                return true;
            }
        }
        status = default;
        return false;
    }

    public static OrderStatus Parse(string code) =>
        TryParse(code, out var s) ? s : throw new InvalidOperationException($"unknown order status '{code}'");

    /// <summary>No transition leaves these.</summary>
    public static bool IsFinal(this OrderStatus status) => status is OrderStatus.Delivered or OrderStatus.Cancelled or OrderStatus.Failed;
}
