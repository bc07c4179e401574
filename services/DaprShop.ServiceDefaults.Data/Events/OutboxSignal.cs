namespace DaprShop.ServiceDefaults.Events;

/// <summary>Wakes the relay as soon as a transaction with outbox rows commits, instead of waiting for its next poll.</summary>
public sealed class OutboxSignal : IDisposable
{
    readonly SemaphoreSlim _pulse = new(0, 1);

    public void Pulse()
    {
        if (_pulse.CurrentCount == 0)
        {
            try { _pulse.Release(); }
            catch (SemaphoreFullException) { } // already pulsed: one wake-up is enough
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _pulse.WaitAsync(timeout, ct);

    public void Dispose() => _pulse.Dispose();
}
