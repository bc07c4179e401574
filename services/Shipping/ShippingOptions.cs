namespace DaprShop.Shipping;

/// <summary>The <c>Shipping</c> section.</summary>
internal sealed class ShippingOptions
{
    public const string Section = "Shipping";

    /// <summary>The secret store entry holding the carrier's webhook signing secret.</summary>
    public string WebhookSecretName { get; set; } = "shipping-webhook-secret";

    /// <summary>How old (or how far in the future) a webhook's signed timestamp may be.</summary>
    public int WebhookToleranceSeconds { get; set; } = 300;

    /// <summary>Queued shipments the dispatch sweep sends per run (each its own short transaction).</summary>
    public int DispatchBatch { get; set; } = 50;

    /// <summary>First wait before a failed label purchase is retried; doubles per attempt up to <see cref="RetryMaxSeconds"/>.</summary>
    public int RetryFirstSeconds { get; set; } = 10;

    public int RetryMaxSeconds { get; set; } = 300;

    /// <summary>
    /// A shipment in the carrier's hands with no webhook for this long is asked about by the sweep (the carrier's
    /// tracking), so a lost update never leaves it stuck.
    /// </summary>
    public int TrackingPollAfterSeconds { get; set; } = 3600;
}
