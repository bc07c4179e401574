using System.Text.Json;
using DaprShop.ServiceDefaults.Tenancy;
using DaprShop.ServiceDefaults.Webhooks;
using DaprShop.Shipping.Data;
using DaprShop.Shipping.Dispatch;
using DaprShop.Shipping.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DaprShop.Shipping.Webhooks;

/// <summary>
/// Applies a verified carrier webhook once: the event id is recorded in the same transaction as the shipment's move (and
/// its event), so a replay — or two copies at once, racing on the primary key — changes nothing. The tenant and the
/// shipment come from the metadata shipping attached when it bought the label, inside the signed body; the tracking
/// number must match the shipment's. An update the state machine no longer allows (late, out of order) is ignored.
/// </summary>
internal sealed class WebhookProcessor(ShippingDb db, ShipmentMoves moves, ITenantContext tenant, TimeProvider clock)
{
    public async Task<WebhookOutcome> ProcessAsync(byte[] body, CancellationToken ct)
    {
        CarrierWebhook? message;
        try
        {
            message = JsonSerializer.Deserialize<CarrierWebhook>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return WebhookOutcome.Unreadable;
        }

        if (message is not { Id.Length: > 0 and <= 128, Type.Length: > 0 and <= 64, Data: { TrackingNumber.Length: > 0 and <= 64 } data })
            return WebhookOutcome.Unreadable;
        if (message.Type != CarrierWebhooks.TrackingUpdated || !ShipmentTransitions.IsCarrierStatus(data.Status)) return WebhookOutcome.Ignored;
        if (data.Metadata is null ||
            !Guid.TryParse(data.Metadata.GetValueOrDefault(CarrierWebhooks.TenantId), out var tenantId) || tenantId == Guid.Empty ||
            !Guid.TryParse(data.Metadata.GetValueOrDefault(CarrierWebhooks.ShipmentId), out var shipmentId))
        {
            return WebhookOutcome.Unreadable;
        }

        tenant.Set(tenantId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ProcessedWebhooks.Add(new ProcessedWebhook { EventId = message.Id, Type = message.Type, ReceivedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return WebhookOutcome.Replayed;
        }

        var ours = await db.Shipments.AnyAsync(s => s.Id == shipmentId && s.TrackingNumber == data.TrackingNumber, ct);
        var applied = ours && await moves.MoveAsync(shipmentId, data.Status, "carrier", Truncate(data.Detail), ct);
        await tx.CommitAsync(ct);
        return applied ? WebhookOutcome.Applied : WebhookOutcome.Ignored;
    }

    static string? Truncate(string? s) => s is { Length: > 256 } ? s[..256] : s;
}
