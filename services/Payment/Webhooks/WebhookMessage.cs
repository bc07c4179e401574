namespace DaprShop.Payment.Webhooks;

/// <summary>A provider's webhook body, Stripe-shaped: an event id (replays are refused by it), a type and the data.</summary>
internal sealed record WebhookMessage(string Id, string Type, long Created, WebhookData Data);

/// <param name="Metadata">What payment attached when it authorised: <c>tenantId</c>, <c>orderId</c>.</param>
internal sealed record WebhookData(
    string AuthorizationId, decimal Amount, string Currency, string? DeclineCode, string? DeclineMessage, IReadOnlyDictionary<string, string>? Metadata);

internal static class WebhookTypes
{
    public const string AuthorizationSucceeded = "authorization.succeeded";
    public const string AuthorizationFailed = "authorization.failed";
}

internal static class WebhookMetadata
{
    public const string TenantId = "tenantId";
    public const string OrderId = "orderId";
}

/// <summary>Public: the scenario tests forge a provider's webhook with it.</summary>
public static class ProviderWebhooks
{
    /// <summary>The signature header the card provider (simulator) sends: <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>.</summary>
    public const string SignatureHeader = "Simulator-Signature";
}
