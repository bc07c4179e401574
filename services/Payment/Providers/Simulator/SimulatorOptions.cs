namespace DaprShop.Payment.Providers.Simulator;

/// <summary>
/// How the built-in card simulator behaves (<c>PaymentSimulator</c> section). The defaults answer at once and never
/// fail; tests and issue 9's fault runs turn on latency, transient failures and duplicate webhooks here.
/// </summary>
internal sealed class SimulatorOptions
{
    public const string Section = "PaymentSimulator";

    /// <summary>Added to every provider call (real time, not the app's clock: it is the network's).</summary>
    public int LatencyMilliseconds { get; set; }

    /// <summary>
    /// Share of money-moving calls (0–1) that fail with <see cref="PaymentProviderUnavailableException"/>: half of them
    /// before the call takes effect, half after (the answer is lost), so a retry must rely on the idempotency key.
    /// </summary>
    public double TransientFailureRate { get; set; }

    /// <summary>Seed of the failure draws, so a fault run replays; none = a new seed per start.</summary>
    public int? Seed { get; set; }

    /// <summary>How long (on the app's clock) a pending card waits before its result is sent by webhook.</summary>
    public int PendingDelaySeconds { get; set; } = 5;

    /// <summary>The app and method the webhooks are invoked on through Dapr (payment's own webhook route).</summary>
    public string WebhookAppId { get; set; } = "payment";

    public string WebhookMethod { get; set; } = "webhooks/simulator";

    /// <summary>Deliveries of one webhook before it is given up (a 4xx answer stops at once: it was refused).</summary>
    public int WebhookMaxAttempts { get; set; } = 8;

    /// <summary>Share of webhooks (0–1) sent twice, as providers do: the second is a replay payment must refuse.</summary>
    public double DuplicateWebhookRate { get; set; }
}
