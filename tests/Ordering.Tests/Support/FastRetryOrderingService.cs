using DaprShop.Testing.Hosting;

namespace DaprShop.Ordering.Tests.Support;

/// <summary>
/// <see cref="OrderingService"/> with the saga's retry policies cut to a few attempts tens of milliseconds apart, so a
/// step or a compensation that runs out of retries does so within seconds: the workflow's retry timers run on the
/// local sidecar's clock, which is the real one here.
/// </summary>
public sealed class FastRetryOrderingService : OrderingService
{
    public const int StepAttempts = 3;
    public const int CompensationAttempts = 3;

    protected override void ConfigureOrdering(ServiceHostOptions options) => options
        .Setting("Ordering:SagaRetries:StepAttempts", $"{StepAttempts}")
        .Setting("Ordering:SagaRetries:StepFirstIntervalMs", "50")
        .Setting("Ordering:SagaRetries:StepMaxIntervalMs", "200")
        .Setting("Ordering:SagaRetries:CompensationAttempts", $"{CompensationAttempts}")
        .Setting("Ordering:SagaRetries:CompensationFirstIntervalMs", "50")
        .Setting("Ordering:SagaRetries:CompensationMaxIntervalMs", "200");
}
