namespace DaprShop.Ordering.Placement;

internal sealed class OrderingOptions
{
    public const string Section = "Ordering";

    /// <summary>Placements one user may make per minute (fixed window, counted in the database).</summary>
    public int PlacementsPerMinute { get; set; } = 10;

    /// <summary>An identical order by the same customer within this window is a duplicate (409).</summary>
    public int DuplicateWindowSeconds { get; set; } = 120;

    /// <summary>How long the saga waits for payment's asynchronous answer (below inventory's 15 min reservation).</summary>
    public int PaymentResultTimeoutSeconds { get; set; } = 600;

    /// <summary>The saga's workflow retry policies (<c>Ordering:SagaRetries</c>); each new instance takes them in its input.</summary>
    public SagaRetryOptions SagaRetries { get; set; } = new();
}

/// <summary>
/// Attempts and back-off (doubling from the first interval up to the maximum) of the saga's forward steps and of its
/// compensations. Defaults: <see cref="Saga.SagaRetries.Default"/>. Tests shorten the intervals so a step that runs out
/// of retries does so in seconds (workflow retry timers run on the sidecar's clock).
/// </summary>
internal sealed class SagaRetryOptions
{
    public int StepAttempts { get; set; } = Saga.SagaRetries.Default.StepAttempts;
    public int StepFirstIntervalMs { get; set; } = Saga.SagaRetries.Default.StepFirstIntervalMs;
    public int StepMaxIntervalMs { get; set; } = Saga.SagaRetries.Default.StepMaxIntervalMs;
    public int CompensationAttempts { get; set; } = Saga.SagaRetries.Default.CompensationAttempts;
    public int CompensationFirstIntervalMs { get; set; } = Saga.SagaRetries.Default.CompensationFirstIntervalMs;
    public int CompensationMaxIntervalMs { get; set; } = Saga.SagaRetries.Default.CompensationMaxIntervalMs;

    public bool IsValid => StepAttempts >= 1 && CompensationAttempts >= 1 && StepFirstIntervalMs > 0 && CompensationFirstIntervalMs > 0
                           && StepMaxIntervalMs >= StepFirstIntervalMs && CompensationMaxIntervalMs >= CompensationFirstIntervalMs;

    public Saga.SagaRetries ToPolicy() => new(StepAttempts, StepFirstIntervalMs, StepMaxIntervalMs,
        CompensationAttempts, CompensationFirstIntervalMs, CompensationMaxIntervalMs);
}
