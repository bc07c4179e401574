namespace DaprShop.Shipping.Carriers.Simulator;

/// <summary>
/// How the built-in carrier simulator behaves (<c>CarrierSimulator</c> section). The defaults answer at once and never
/// fail; tests and fault runs turn on latency, failures, lost updates and exceptions here.
/// </summary>
internal sealed class SimulatorOptions
{
    public const string Section = "CarrierSimulator";

    /// <summary>
    /// Whether shipping serves the simulator at <c>/carrier-simulator/v1</c> (the <c>carrier</c> HTTP endpoint's
    /// address for <c>make run</c> and tests). Off where a real carrier is configured.
    /// </summary>
    public bool Serve { get; set; } = true;

    /// <summary>Added to every carrier call (real time, not the app's clock: it is the network's).</summary>
    public int LatencyMilliseconds { get; set; }

    /// <summary>
    /// Share of label purchases and voids (0–1) that fail with <see cref="CarrierUnavailableException"/>: half before the
    /// call takes effect, half after (the answer is lost), so a retry must rely on the idempotency key.
    /// </summary>
    public double FailureRate { get; set; }

    /// <summary>Share of tracking webhooks (0–1) never sent; the carrier's tracking still moves on.</summary>
    public double LostUpdateRate { get; set; }

    /// <summary>Share of parcels (0–1) that hit an exception between in transit and out for delivery, then go on.</summary>
    public double ExceptionRate { get; set; }

    /// <summary>Seed of the draws, so a fault run replays; none = a new seed per start.</summary>
    public int? Seed { get; set; }

    /// <summary>Time (on the app's clock) between a parcel's tracking steps: pick-up, out for delivery, delivered.</summary>
    public int StepSeconds { get; set; } = 60;

    public string Currency { get; set; } = "EUR";

    public string TrackingUrlBase { get; set; } = "https://track.carrier-simulator.local/";

    /// <summary>The app and method the webhooks are invoked on through Dapr (shipping's own webhook route).</summary>
    public string WebhookAppId { get; set; } = "shipping";

    public string WebhookMethod { get; set; } = "webhooks/carrier";

    /// <summary>Deliveries of one webhook before it is given up (a 4xx answer stops at once: it was refused).</summary>
    public int WebhookMaxAttempts { get; set; } = 8;
}
