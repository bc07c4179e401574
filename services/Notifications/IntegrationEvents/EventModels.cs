using System.Globalization;
using DaprShop.Notifications.Data;
using DaprShop.Notifications.Delivery;
using DaprShop.Notifications.Domain;
using DaprShop.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Notifications.IntegrationEvents;

/// <summary>What the order handlers share: the order and contact the event needs, or a bounded wait for them.</summary>
internal sealed class EventContext(NotificationsDb db, PrerequisiteWait wait)
{
    public async Task<KnownOrder> OrderAsync(DaprShop.Contracts.IntegrationEvent e, Guid orderId, CancellationToken ct) =>
        await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.OrderId == orderId, ct)
        ?? throw wait.Missing(e, $"order {orderId} (its OrderCreated)");

    /// <summary>The customer's contact must be known (their UserRegistered handled) before a message can be addressed.</summary>
    public async Task RequireContactAsync(DaprShop.Contracts.IntegrationEvent e, Guid customerId, CancellationToken ct)
    {
        if (!await db.Contacts.AnyAsync(c => c.UserId == customerId, ct))
            throw wait.Missing(e, $"customer {customerId} (their UserRegistered)");
    }

    /// <summary>Remembers an order's customer and number (idempotent: the first word stands).</summary>
    public Task RememberOrderAsync(ITenantContext tenant, Guid orderId, string number, Guid customerId, CancellationToken ct)
    {
        var tenantId = tenant.TenantId ?? throw new TenantIsolationException("an order event handled without a tenant");
        // Raw SQL bypasses the stamping interceptor, so the tenant is written explicitly: the event's, set by the kit.
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO orders (tenant_id, order_id, number, customer_id) VALUES ({tenantId}, {orderId}, {number}, {customerId})
            ON CONFLICT (tenant_id, order_id) DO NOTHING
            """, ct);
    }

    public static Dictionary<string, object?> Model(Guid orderId, string number) => new(StringComparer.Ordinal)
    {
        ["order"] = new Dictionary<string, object?> { ["id"] = orderId.ToString(), ["number"] = number },
    };

    public static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
