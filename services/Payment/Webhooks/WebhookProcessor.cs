using System.Text.Json;
using DaprShop.Payment.Data;
using DaprShop.Payment.Domain;
using DaprShop.Payment.Processing;
using DaprShop.Payment.Providers;
using DaprShop.ServiceDefaults.Tenancy;
using DaprShop.ServiceDefaults.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace DaprShop.Payment.Webhooks;

/// <summary>
/// Applies a verified provider webhook once: the event id is recorded in the same transaction as the payment's move
/// (and its event), so a replay — or two copies at the same moment, racing on the primary key — changes nothing.
/// The tenant comes from the metadata payment itself attached when it authorised, inside the signed body.
/// </summary>
internal sealed class WebhookProcessor(PaymentDb db, PaymentProcessor payments, ITenantContext tenant, TimeProvider clock)
{
    public async Task<WebhookOutcome> ProcessAsync(byte[] body, CancellationToken ct)
    {
        WebhookMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<WebhookMessage>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return WebhookOutcome.Unreadable;
        }

        if (message is not { Id.Length: > 0 and <= 128, Type.Length: > 0 and <= 64, Data: { } data }) return WebhookOutcome.Unreadable;
        if (message.Type is not (WebhookTypes.AuthorizationSucceeded or WebhookTypes.AuthorizationFailed)) return WebhookOutcome.Ignored;
        if (data.Metadata is null ||
            !Guid.TryParse(data.Metadata.GetValueOrDefault(WebhookMetadata.TenantId), out var tenantId) ||
            !Guid.TryParse(data.Metadata.GetValueOrDefault(WebhookMetadata.OrderId), out var orderId))
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
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return WebhookOutcome.Replayed;
        }

        var payment = await payments.FindByOrderAsync(orderId, ct);
        var result = message.Type == WebhookTypes.AuthorizationSucceeded
            ? new ProviderResult(ProviderOutcome.Succeeded, data.AuthorizationId)
            : ProviderResult.Declined(data.DeclineCode ?? "card_declined", data.DeclineMessage ?? "The card was declined.", data.AuthorizationId);
        var applied = payment is not null && await payments.ApplyAuthorizationAsync(payment.Id, result, fromWebhook: true, ct);
        await tx.CommitAsync(ct);
        return applied ? WebhookOutcome.Applied : WebhookOutcome.Ignored;
    }
}
