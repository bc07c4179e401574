using DaprShop.ServiceDefaults.Tenancy;

namespace DaprShop.Ordering.Domain;

/// <summary>
/// An order: who bought what, to which addresses, paid with which payment-method token, and where it stands. Lines are
/// priced by the saga from catalog's current prices (<see cref="Total"/> is null until then); the client's prices are
/// never taken. Status moves only through <see cref="OrderTransitions"/>, each move kept in <see cref="History"/>.
/// </summary>
internal sealed class Order : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }

    /// <summary>People-readable, unique in the tenant (<see cref="OrderNumbers"/>).</summary>
    public string Number { get; set; } = "";

    public Guid CustomerId { get; set; }
    public string Status { get; set; } = OrderStatus.Pending.ToCode();

    /// <summary>Why the order was cancelled or failed.</summary>
    public string? StatusReason { get; set; }

    public Guid ShippingAddressId { get; set; }
    public Guid BillingAddressId { get; set; }
    public string PaymentMethodToken { get; set; } = "";

    /// <summary>SHA-256 of the normalised request (<see cref="OrderFingerprint"/>): finds a duplicate placement.</summary>
    public string RequestHash { get; set; } = "";

    /// <summary>Checked out of the customer's cart (cart takes the lines out of it on <c>OrderConfirmed</c>), not explicit lines.</summary>
    public bool FromCart { get; set; }

    public string? Currency { get; set; }
    public decimal? Total { get; set; }

    /// <summary>
    /// Set when the saga could not finish giving back what it took (a compensation ran out of retries): money or stock
    /// may still be held, and the status was left as it was. Operators list these orders (<c>?attention=true</c>).
    /// </summary>
    public bool NeedsAttention { get; set; }

    /// <summary>What is left to do and why (the step, the dependency, its last error).</summary>
    public string? AttentionReason { get; set; }

    public DateTimeOffset? AttentionAt { get; set; }

    /// <summary>An admin settled the flag by hand: when, who, and what they did. Cleared if the saga flags the order again.</summary>
    public DateTimeOffset? AttentionResolvedAt { get; set; }

    public Guid? AttentionResolvedBy { get; set; }
    public string? AttentionResolution { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public List<OrderLine> Lines { get; set; } = [];
    public List<OrderStatusChange> History { get; set; } = [];
}

internal sealed class OrderLine : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid OrderId { get; set; }
    public int LineNo { get; set; }
    public Guid ProductId { get; set; }
    public int Quantity { get; set; }

    // Set by the saga's pricing step from catalog.
    public string? Sku { get; set; }
    public string? Name { get; set; }
    public decimal? UnitPrice { get; set; }
}

/// <summary>One move of an order's status: from, to, when, and what caused it (the saga step, the customer, an event).</summary>
internal sealed class OrderStatusChange : ITenantOwned
{
    public Guid Id { get; set; }
    public Guid TenantId { get; set; }
    public Guid OrderId { get; set; }
    public string? FromStatus { get; set; }
    public string ToStatus { get; set; } = "";
    public string Cause { get; set; } = "";
    public string? Reason { get; set; }
    public DateTimeOffset At { get; set; }
}
