namespace DaprShop.Payment;

/// <summary>The <c>Payment</c> section.</summary>
internal sealed class PaymentOptions
{
    public const string Section = "Payment";

    /// <summary>The secret store entry holding the webhook signing secret.</summary>
    public string WebhookSecretName { get; set; } = "payment-webhook-secret";

    /// <summary>How old (or how far in the future) a webhook's signed timestamp may be.</summary>
    public int WebhookToleranceSeconds { get; set; } = 300;
}
