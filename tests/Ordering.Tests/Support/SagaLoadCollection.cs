namespace DaprShop.Ordering.Tests.Support;

/// <summary>
/// The thousand-saga tests (fault runs, concurrent checkouts) saturate two cores: they run in this collection, which
/// xunit runs on its own after the parallel ones, so the other tests' 30 s waits never compete with them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SagaLoadCollection
{
    public const string Name = "saga load";
}
