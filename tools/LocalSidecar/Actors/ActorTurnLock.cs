namespace DaprShop.LocalSidecar.Actors;

/// <summary>
/// Turn-based concurrency for one actor activation, as daprd's actor lock: calls form a FIFO queue of
/// "flights" and only the front flight runs. With reentrancy enabled, a call whose <c>Dapr-Reentrancy-Id</c>
/// matches a queued flight joins it (depth + 1, refused beyond maxStackDepth) instead of queueing behind it,
/// so A→B→A completes; without reentrancy every call is its own flight and A→B→A waits on itself.
/// </summary>
public sealed class ActorTurnLock(string actorKey, bool reentrancyEnabled, int maxStackDepth)
{
    sealed class Flight(string? id)
    {
        public string? Id { get; } = id;
        public int Depth { get; set; } = 1;
        public TaskCompletionSource Start { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    readonly Lock _gate = new();
    readonly LinkedList<Flight> _queue = new();
    bool _closed;

    /// <summary>Waits for the turn; dispose the result to end it.</summary>
    public async Task<IDisposable> EnterAsync(string? reentrancyId, CancellationToken ct)
    {
        Flight flight;
        lock (_gate)
        {
            if (_closed) throw new ActorClosedException(actorKey);
            var joined = reentrancyEnabled && reentrancyId is not null
                ? _queue.FirstOrDefault(f => f.Id == reentrancyId) : null;
            if (joined is not null)
            {
                if (joined.Depth + 1 > maxStackDepth) throw ActorApiException.StackDepth();
                joined.Depth++;
                flight = joined;
            }
            else
            {
                flight = new Flight(reentrancyEnabled ? reentrancyId : null);
                _queue.AddLast(flight);
                if (_queue.Count == 1) flight.Start.TrySetResult();
            }
        }
        try
        {
            await flight.Start.Task.WaitAsync(ct);
        }
        catch
        {
            Release(flight);
            throw;
        }
        return new Turn(this, flight);
    }

    /// <summary>Refuses new calls and fails the queued ones; running turns finish on their own.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            foreach (var f in _queue.Skip(1)) f.Start.TrySetException(new ActorClosedException(actorKey));
        }
    }

    void Release(Flight flight)
    {
        lock (_gate)
        {
            if (--flight.Depth > 0) return;
            var wasFront = _queue.First?.Value == flight;
            _queue.Remove(flight);
            if (wasFront && _queue.First is { } next) next.Value.Start.TrySetResult();
        }
    }

    sealed class Turn(ActorTurnLock owner, Flight flight) : IDisposable
    {
        int _done;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) owner.Release(flight);
        }
    }
}
