using System.Globalization;
using DaprShop.Testing.Hosting;

namespace DaprShop.Ordering.Tests.Support;

/// <summary>
/// <see cref="OrderingService"/> for the randomised fault runs: the card simulator fails a share of its calls
/// (before or after they take effect), sends a share of its webhooks twice and answers a pending card after a second;
/// ordering waits <see cref="PaymentWaitSeconds"/> for a payment's asynchronous answer instead of ten minutes, so a lost
/// answer ends as "payment timed out" within the run. Workflow timers run on the cluster's (real) clock.
/// One seed drives both the run's draws and the simulator's: <see cref="SeedVariable"/> replays a printed one.
/// </summary>
public sealed class FaultRunService : OrderingService
{
    public const string SeedVariable = "DAPRSHOP_FAULT_SEED";
    public const int PaymentWaitSeconds = 4;
    public const double TransientFailureRate = 0.05;
    public const double DuplicateWebhookRate = 0.2;

    public int Seed { get; } = Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } given
        ? int.Parse(given, CultureInfo.InvariantCulture)
        : Random.Shared.Next();

    protected override void ConfigurePayment(ServiceHostOptions options) => options
        .Setting("PaymentSimulator:Seed", Seed.ToString(CultureInfo.InvariantCulture))
        .Setting("PaymentSimulator:TransientFailureRate", TransientFailureRate.ToString(CultureInfo.InvariantCulture))
        .Setting("PaymentSimulator:DuplicateWebhookRate", DuplicateWebhookRate.ToString(CultureInfo.InvariantCulture))
        .Setting("PaymentSimulator:LatencyMilliseconds", "2")
        .Setting("PaymentSimulator:PendingDelaySeconds", "1");

    protected override void ConfigureOrdering(ServiceHostOptions options) =>
        options.Setting("Ordering:PaymentResultTimeoutSeconds", PaymentWaitSeconds.ToString(CultureInfo.InvariantCulture));
}
