using DaprShop.Contracts.Ordering;
using DaprShop.Contracts.Payment;
using DaprShop.Contracts.Users;
using DaprShop.Notifications.Data;
using DaprShop.Notifications.Data.Configurations;
using DaprShop.Notifications.Delivery;
using DaprShop.Notifications.Domain;
using DaprShop.ServiceDefaults.Events;
using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Notifications.IntegrationEvents;

/// <summary>
/// A new user: keeps their email (later events name only the customer id; the newest registration's email wins) and
/// welcomes them.
/// </summary>
internal sealed class WelcomeOnUserRegistered(NotificationsDb db, ITenantContext tenant, MessageComposer composer, TimeProvider clock)
    : IIntegrationEventHandler<UserRegistered>
{
    static readonly System.Buffers.SearchValues<char> NotInAnAddress = System.Buffers.SearchValues.Create("\r\n<>\",;");

    public async Task HandleAsync(UserRegistered e, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(e);
        var email = e.Email?.Trim();
        if (e.UserId == Guid.Empty || string.IsNullOrEmpty(email) || email.Length > Lengths.Email || email.Contains('\0', StringComparison.Ordinal)
            || !email.Contains('@', StringComparison.Ordinal) || email.AsSpan().IndexOfAny(NotInAnAddress) >= 0)
            throw new PermanentEventFailureException($"UserRegistered {e.EventId} has no usable user id or email");
        var tenantId = tenant.TenantId ?? throw new TenantIsolationException("UserRegistered handled without a tenant");
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO contacts (tenant_id, user_id, email, updated_at) VALUES ({tenantId}, {e.UserId}, {email}, {now})
            ON CONFLICT (tenant_id, user_id) DO UPDATE SET email = excluded.email, updated_at = excluded.updated_at
            """, ct);
        await composer.ComposeAsync(e.EventId, MessageKinds.Welcome, e.UserId, new Dictionary<string, object?>(StringComparer.Ordinal), ct);
    }
}

/// <summary>Remembers whose an order is and its number: <c>OrderConfirmed</c> names only the order id.</summary>
internal sealed class RememberOrderOnOrderCreated(EventContext orders, ITenantContext tenant) : IIntegrationEventHandler<OrderCreated>
{
    public Task HandleAsync(OrderCreated e, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.OrderId == Guid.Empty || e.CustomerId == Guid.Empty || string.IsNullOrWhiteSpace(e.Number) || e.Number.Length > Lengths.OrderNumber)
            throw new PermanentEventFailureException($"OrderCreated {e.EventId} has no usable order id, customer or number");
        return orders.RememberOrderAsync(tenant, e.OrderId, e.Number.Trim(), e.CustomerId, ct);
    }
}

/// <summary>
/// "Your order is confirmed". The event names only the order: its customer and number come from its
/// <c>OrderCreated</c>, which pub/sub may deliver later: until then this event is redelivered (bounded).
/// </summary>
internal sealed class NotifyOnOrderConfirmed(EventContext context, MessageComposer composer) : IIntegrationEventHandler<OrderConfirmed>
{
    public async Task HandleAsync(OrderConfirmed e, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(e);
        var order = await context.OrderAsync(e, e.OrderId, ct);
        await context.RequireContactAsync(e, order.CustomerId, ct);
        await composer.ComposeAsync(e.EventId, MessageKinds.OrderConfirmed, order.CustomerId, EventContext.Model(order.OrderId, order.Number), ct);
    }
}

/// <summary>"Your order has shipped", with the carrier's tracking number and link.</summary>
internal sealed class NotifyOnOrderShipped(EventContext context, ITenantContext tenant, MessageComposer composer) : IIntegrationEventHandler<OrderShipped>
{
    public async Task HandleAsync(OrderShipped e, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.CustomerId == Guid.Empty || string.IsNullOrWhiteSpace(e.Number))
            throw new PermanentEventFailureException($"OrderShipped {e.EventId} has no customer or number");
        await context.RememberOrderAsync(tenant, e.OrderId, e.Number, e.CustomerId, ct);
        await context.RequireContactAsync(e, e.CustomerId, ct);
        var model = EventContext.Model(e.OrderId, e.Number);
        model["tracking"] = new Dictionary<string, object?> { ["carrier"] = e.Carrier, ["number"] = e.TrackingNumber, ["url"] = e.TrackingUrl };
        await composer.ComposeAsync(e.EventId, MessageKinds.OrderShipped, e.CustomerId, model, ct);
    }
}

/// <summary>"Your order was delivered".</summary>
internal sealed class NotifyOnOrderDelivered(EventContext context, ITenantContext tenant, MessageComposer composer) : IIntegrationEventHandler<OrderDelivered>
{
    public async Task HandleAsync(OrderDelivered e, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.CustomerId == Guid.Empty || string.IsNullOrWhiteSpace(e.Number))
            throw new PermanentEventFailureException($"OrderDelivered {e.EventId} has no customer or number");
        await context.RememberOrderAsync(tenant, e.OrderId, e.Number, e.CustomerId, ct);
        await context.RequireContactAsync(e, e.CustomerId, ct);
        var model = EventContext.Model(e.OrderId, e.Number);
        model["delivered_at"] = e.DeliveredAt.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        await composer.ComposeAsync(e.EventId, MessageKinds.OrderDelivered, e.CustomerId, model, ct);
    }
}

/// <summary>"Payment for your order failed": a decline, with the provider's reason (transactional).</summary>
internal sealed class NotifyOnPaymentFailed(EventContext context, MessageComposer composer) : IIntegrationEventHandler<PaymentFailed>
{
    public async Task HandleAsync(PaymentFailed e, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(e);
        var order = await context.OrderAsync(e, e.OrderId, ct);
        await context.RequireContactAsync(e, order.CustomerId, ct);
        var model = EventContext.Model(order.OrderId, order.Number);
        model["payment"] = new Dictionary<string, object?>
        {
            ["amount"] = EventContext.Amount(e.Amount?.Amount ?? 0),
            ["currency"] = e.Amount?.Currency,
            ["reason"] = e.Reason,
            ["code"] = e.Code,
        };
        await composer.ComposeAsync(e.EventId, MessageKinds.PaymentFailed, order.CustomerId, model, ct);
    }
}

/// <summary>"We refunded …" (transactional).</summary>
internal sealed class NotifyOnPaymentRefunded(EventContext context, MessageComposer composer) : IIntegrationEventHandler<PaymentRefunded>
{
    public async Task HandleAsync(PaymentRefunded e, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(e);
        var order = await context.OrderAsync(e, e.OrderId, ct);
        await context.RequireContactAsync(e, order.CustomerId, ct);
        var model = EventContext.Model(order.OrderId, order.Number);
        model["refund"] = new Dictionary<string, object?>
        {
            ["amount"] = EventContext.Amount(e.Amount?.Amount ?? 0),
            ["currency"] = e.Amount?.Currency,
            ["total"] = EventContext.Amount(e.RefundedTotal),
            ["full"] = e.FullyRefunded,
            ["reason"] = e.Reason,
        };
        await composer.ComposeAsync(e.EventId, MessageKinds.Refund, order.CustomerId, model, ct);
    }
}
